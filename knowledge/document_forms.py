"""The Wagtail admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): a new file is checked by
its content (portal/uploads.py) in the single and the multiple upload and when replacing it."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from portal.uploads import validate_upload


class DocumentForm(BaseDocumentForm):
    def clean_file(self) -> object:
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            validate_upload(
                upload, settings.WAGTAILDOCS_EXTENSIONS, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
            )
        return upload
