from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from xxgk.core import permissions
from xxgk.core.models import Agency, Role


class LoginForm(WagtailLoginForm):
    """Wagtail's login form leaves the password field unlabelled, so Django shows the English field name."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("密码")


class StaffMemberForm(forms.Form):
    """新建工作人员: the agency choices are the ones the user administers."""

    agency = forms.ModelChoiceField(label=_("机关"), queryset=Agency.objects.none())
    username = forms.CharField(label=_("用户名"), max_length=150)
    full_name = forms.CharField(label=_("姓名"), max_length=150, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    password = forms.CharField(
        label=_("初始密码"),
        widget=forms.PasswordInput(render_value=True),
        min_length=10,
        help_text=_("至少 10 位，不能全是数字；请通知本人登录后修改。"),
    )
    roles = forms.MultipleChoiceField(label=_("岗位"), widget=forms.CheckboxSelectMultiple, choices=[])

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = permissions.agencies_managed_by(user)
        allowed = [r for r in Role if user.is_superuser or r != Role.CITY_OFFICE]
        self.fields["roles"].choices = [(r.value, r.label) for r in allowed]

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password
