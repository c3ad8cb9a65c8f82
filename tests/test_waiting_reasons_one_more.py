"""What train and the Train page say of the tags not learned yet counted one tag past those it
names as "1 more tags" (polish30: 'phototagger train' on 329 ImageNet photos, six default tags
short of answers: "… 'fruit' needs 4 more yes and 5 more no answers and 1 more tags")."""

from __future__ import annotations

from phototagger.core.new_tag_wait import FEW_NAMED, NAMED_WAITING, waiting_reasons

SHORT = {f"default{n}": (4, 5) for n in range(NAMED_WAITING + 1)}
NEW = {f"new{n}": 1 for n in range(NAMED_WAITING + 1)}


def test_one_tag_past_those_named_is_one_tag() -> None:
    short, new = waiting_reasons(dict(NEW), dict(SHORT))
    assert short.endswith(" and 1 more tag"), short
    assert new.endswith(" and 1 more new tag"), new
    # Past NAMED_WAITING the files' keywords are counted, FEW_NAMED of them named.
    (files,) = waiting_reasons(dict(NEW), keywords=set(NEW))
    assert files.endswith(
        f": {NAMED_WAITING + 1} tags from your files' keywords are on fewer photos ('new0', "
        f"'new1', 'new2' and {NAMED_WAITING + 1 - FEW_NAMED} more)"
    ), files
    (files,) = waiting_reasons({"new0": 1}, keywords={"new0"})
    assert files.endswith(
        ": of the tags from your files' keywords, 'new0' has 1 (add it to 4 more)"
    )


def test_two_tags_past_those_named_are_tags() -> None:
    more = {f"extra{n}": 1 for n in range(2)}
    short, new = waiting_reasons(NEW | more, SHORT | {t: (4, 5) for t in more})
    assert short.endswith(" and 3 more tags"), short
    assert new.endswith(" and 3 more new tags"), new
    (files,) = waiting_reasons(NEW | more, keywords=set(NEW) | set(more), see_all="SEE")
    assert files.endswith(f" and {len(NEW | more) - FEW_NAMED} more; SEE)"), files
