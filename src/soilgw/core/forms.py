from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import imports
from .templatetags.bilingual import in_language


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to import"))
    file = forms.FileField(label=_("File"))
    accept = forms.BooleanField(label=_("Store at once if the file is valid"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.kind, in_language(k.label)) for k in imports.kinds().values()]

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > settings.SOILGW_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than the upload limit."))
        return f
