"""Mails on submission: receipt to the reporter, notification to the KIM-Koordination."""

from forms.models import Meldebogen

from .conftest import CLEAN_SITUATION, fill_all_steps, start_draft


def test_receipt_and_notification_without_free_text(
    client, reporter, koordination, make_user, kommunen, thema, mailoutbox
):
    from accounts import roles

    second = make_user("koordination-2", roles.KOORDINATION)
    make_user("koordination-ohne-mail", roles.KOORDINATION, is_active=False)
    client.force_login(reporter)
    draft = start_draft(client)
    fill_all_steps(client, draft, kommunen, thema)
    meldebogen = Meldebogen.objects.get(pk=draft.pk)

    assert len(mailoutbox) == 2
    receipt, notification = mailoutbox
    assert receipt.to == [reporter.email]
    assert meldebogen.reference in receipt.subject
    assert meldebogen.reference in receipt.body
    assert f"/meldeboegen/{meldebogen.pk}/" in receipt.body

    assert notification.to == []
    assert sorted(notification.bcc) == sorted([koordination.email, second.email])
    assert meldebogen.reference in notification.subject
    assert "Sprache" in notification.body
    assert "Werdohl" in notification.body
    for mail in (receipt, notification):
        for text in (CLEAN_SITUATION, meldebogen.vorschlag, meldebogen.versucht):
            assert text not in mail.body
        assert "Jobcenter und Volkshochschule" not in mail.body


def test_double_submit_sends_once_and_keeps_one_number(
    client, reporter, kommunen, thema, mailoutbox
):
    from .conftest import post_step

    client.force_login(reporter)
    draft = start_draft(client)
    fill_all_steps(client, draft, kommunen, thema)
    reference = Meldebogen.objects.get(pk=draft.pk).reference
    response = post_step(client, draft, "pruefen", {})
    assert response.status_code == 302
    assert Meldebogen.objects.get(pk=draft.pk).reference == reference
    assert len(mailoutbox) == 1  # the receipt; nobody in the coordination here


def test_pdf_receipt_holds_the_report_for_its_owner_only(
    client, reporter, partner, kommunen, thema
):
    import io

    from pypdf import PdfReader

    client.force_login(reporter)
    draft = start_draft(client)
    fill_all_steps(client, draft, kommunen, thema)
    meldebogen = Meldebogen.objects.get(pk=draft.pk)
    confirmation = client.get(f"/meldeboegen/{meldebogen.pk}/eingereicht/").content.decode()
    assert f"/meldeboegen/{meldebogen.pk}/quittung.pdf" in confirmation

    response = client.get(f"/meldeboegen/{meldebogen.pk}/quittung.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert meldebogen.reference in response["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert meldebogen.reference in text
    assert "Werdohl" in text

    client.force_login(partner)
    assert client.get(f"/meldeboegen/{meldebogen.pk}/quittung.pdf").status_code == 404


def test_drafts_have_no_pdf_receipt(client, reporter):
    client.force_login(reporter)
    draft = start_draft(client)
    assert client.get(f"/meldeboegen/{draft.pk}/quittung.pdf").status_code == 404
