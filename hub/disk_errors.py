"""What a failed copy's error says of the disk: full, or the account's own quota used up."""

import errno


def disk_full(error):
    """The disk holding the copy has no room left (ENOSPC, or an error carrying its text, as shutil's copies raise)."""
    return getattr(error, "errno", None) == errno.ENOSPC or "No space left on device" in str(error)


def quota_used_up(error):
    """Her account's disk quota (`npm run hub -- --disk-quota-mb`) reached, which the files she hands in count in too."""
    return getattr(error, "errno", None) == errno.EDQUOT or "Disk quota exceeded" in str(error)
