/* Draftail entity HANDLUNGSKONZEPT_SECTION: a link to one chapter or section of a
   Handlungskonzept, chosen in a modal (knowledge.rich_text.section_chooser). Uses only what
   Wagtail's admin exposes: window.draftail, window.React, window.DraftJS. */
(function () {
  'use strict';

  const TYPE = 'HANDLUNGSKONZEPT_SECTION';
  const { ModalWorkflowSource, TooltipEntity } = window.draftail;
  const { EditorState, Modifier, RichUtils } = window.DraftJS;
  const h = window.React.createElement;

  const onload = {
    choose(modal) {
      modal.body[0].querySelectorAll('[data-section-choice]').forEach((button) => {
        button.addEventListener('click', () => {
          modal.respond('chosen', {
            id: Number(button.dataset.id),
            anchor: button.dataset.anchor,
            url: button.dataset.url,
            title: button.dataset.title,
          });
        });
      });
    },
  };

  class SectionSource extends ModalWorkflowSource {
    getChooserConfig() {
      const { sectionChooser } = { ...this.props.entityType.chooserUrls };
      return {
        url: sectionChooser,
        urlParams: {},
        onload,
        responses: { chosen: this.onChosen },
      };
    }

    filterEntityData(data) {
      return { id: data.id, anchor: data.anchor, url: data.url, title: data.title };
    }

    // Like Wagtail's own, but the entity is MUTABLE, so its text can be edited like a link.
    onChosen(data) {
      const { editorState, entityType, onComplete } = this.props;
      const content = editorState.getCurrentContent();
      const selection = editorState.getSelection();
      const entityKey = content
        .createEntity(entityType.type, 'MUTABLE', this.filterEntityData(data))
        .getLastCreatedEntityKey();
      let nextState;
      if (selection.isCollapsed()) {
        const withText = Modifier.replaceText(content, selection, data.title, null, entityKey);
        nextState = EditorState.push(editorState, withText, 'insert-characters');
      } else {
        nextState = RichUtils.toggleLink(editorState, selection, entityKey);
      }
      this.workflow.close();
      onComplete(nextState);
    }
  }

  function SectionLink(props) {
    const data = props.contentState.getEntity(props.entityKey).getData();
    const icon = window.wagtail && window.wagtail.components && window.wagtail.components.Icon
      ? h(window.wagtail.components.Icon, { name: 'list-ol' })
      : '§';
    return h(TooltipEntity, { ...props, icon, url: data.url || null, label: data.title || data.url || '' });
  }

  window.draftail.registerPlugin({ type: TYPE, source: SectionSource, decorator: SectionLink }, 'entityTypes');
})();
