from accounts.adapters import AccountAdapter as BasisAdapter
from experts.models import Organisatie


class AccountAdapter(BasisAdapter):
    """Sign-up is also open to an address on a partner organisation's e-mail domain: the
    organisations and their domains are part of Wie weet wat."""

    def mag_aanmelden(self, email: str) -> bool:
        return Organisatie.is_partnerdomein(email) or super().mag_aanmelden(email)
