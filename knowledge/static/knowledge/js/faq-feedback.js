/* FAQ feedback without reloading the page: the answer ("Danke", "Was war unklar?") appears in
   the question's own live region (role="status"), where the reader clicked. Without JavaScript
   the same forms post normally and the page shows the same text in the same place. */
(function () {
  'use strict';

  const template = document.getElementById('faq-comment-form');

  async function send(form, submitter) {
    const data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    const response = await fetch(form.action, {
      method: 'POST',
      body: data,
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    });
    return response.json();
  }

  function show(region, result, questionId) {
    region.replaceChildren();
    const message = document.createElement('p');
    message.className = result.error ? 'error' : 'confirmation';
    message.textContent = result.message;
    region.append(message);
    if (result.comment_url && template) {
      const form = template.content.firstElementChild.cloneNode(true);
      form.action = result.comment_url;
      form.querySelectorAll('[id]').forEach((element) => {
        element.id = element.id.replace(/-x$/, `-${questionId}`);
      });
      form.querySelector('label').htmlFor = `kommentar-${questionId}`;
      form.querySelector('textarea').setAttribute('aria-describedby', `kommentar-hilfe-${questionId}`);
      region.append(form);
      listen(form, region, questionId);
    }
  }

  function listen(form, region, questionId) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        show(region, await send(form, event.submitter), questionId);
      } catch (error) {
        form.submit(); // fall back to the ordinary post
      }
    });
  }

  document.querySelectorAll('form[data-faq-feedback]').forEach((form) => {
    const questionId = form.dataset.faqFeedback;
    const region = document.getElementById(`rueckmeldung-${questionId}`);
    if (region) listen(form, region, questionId);
  });
  document.querySelectorAll('form[data-faq-comment]').forEach((form) => {
    const region = form.closest('.feedback-status');
    if (region) listen(form, region, region.id.replace('rueckmeldung-', ''));
  });
})();
