"""Keywords from files in the store: the user's tags ('file'), below every decision made in
phototagger, above every model suggestion."""

from __future__ import annotations

from phototagger.store.file_metadata import (
    FileRecord,
    apply_file_keywords,
    file_record,
    photos_with_records,
    save_file_record,
    set_written_values,
    written_values,
)
from phototagger.store.tags import (
    add_user_tag,
    reject_tag,
    remove_tag,
    tags_of_photo,
    write_model_tags,
)
from tests.store_helpers import add_photo, tag_states


def test_file_keywords_upgrade_suggestions_and_never_override_decisions(db) -> None:
    pid = add_photo(db, "/p/a.jpg")
    write_model_tags(db, pid, {"cat": 0.9, "dog": 0.8}, ["cat", "dog"], "v1")
    reject_tag(db, pid, "dog")
    add_user_tag(db, pid, "sofa")
    apply_file_keywords(db, pid, ["cat", "dog", "sofa", "Places/Paris"], [])
    assert tag_states(db, pid) == {
        "cat": "file",
        "dog": "rejected",
        "sofa": "added",
        "Places/Paris": "file",
    }
    cat = next(t for t in tags_of_photo(db, pid) if t.name == "cat")
    assert cat.confidence == 0.9 and cat.source == "user"
    # A model run keeps file tags as it keeps every user decision.
    write_model_tags(db, pid, {"cat": 0.1}, [], "v2")
    assert tag_states(db, pid)["cat"] == "file"
    # A keyword gone from the file takes only its 'file' row.
    apply_file_keywords(db, pid, [], ["Places/Paris", "sofa", "dog"])
    assert tag_states(db, pid) == {"cat": "file", "dog": "rejected", "sofa": "added"}


def test_removing_a_file_tag_in_phototagger_is_a_rejection(db) -> None:
    pid = add_photo(db, "/p/a.jpg")
    apply_file_keywords(db, pid, ["beach"], [])
    add_user_tag(db, pid, "beach")  # already the user's: stays 'file'
    assert tag_states(db, pid) == {"beach": "file"}
    remove_tag(db, pid, "beach")
    assert tag_states(db, pid) == {"beach": "rejected"}


def test_file_records_and_written_values_round_trip(db) -> None:
    pid = add_photo(db, "/p/a.jpg", size=10, mtime=5.0)
    other = add_photo(db, "/q/b.jpg")
    assert file_record(db, pid) is None
    record = FileRecord(
        pid,
        3,
        "accepted",
        "red",
        10,
        5.0,
        "/p/a.jpg.xmp",
        99,
        7.5,
        "ab",
        ("Places/Paris", "Café"),
        None,
    )
    save_file_record(db, record)
    saved = file_record(db, pid)
    assert saved is not None and saved.keywords == ("Places/Paris", "Café")
    assert (saved.rating, saved.pick, saved.color, saved.sidecar_size) == (3, "accepted", "red", 99)
    rows = photos_with_records(db, "/p")
    assert [(r.photo_id, r.record == saved) for r in rows] == [(pid, True)]
    assert [r.photo_id for r in photos_with_records(db, "/q/b.jpg")] == [other]
    set_written_values(db, pid, "/p/a.jpg.xmp", {("Xmp.dc.subject", "dog")})
    set_written_values(db, pid, "/p/a.jpg.xmp", {("Xmp.dc.subject", "cat")})
    assert written_values(db, pid, "/p/a.jpg.xmp") == {("Xmp.dc.subject", "cat")}
    assert written_values(db, pid, "/p/a.jpg") == set()


def test_reading_a_folders_keywords_asks_sqlite_for_no_table_info(db, tmp_path) -> None:
    """The store read and wrote each file record with the columns pragma_table_info gave it,
    asked again on every read and write, for the upgrade tests' libraries left at an older
    schema (tests/store_helpers.todays_file_records serves them now): every library it opens
    is upgraded first. A real photo with a keyword, read by the scan's keyword step."""
    from phototagger.core.metadata.sync import sync_file_metadata
    from phototagger.store.photos import add_folder
    from tests.keyword_readers import exiftool_set
    from tests.photo_factory import real_photo

    photo = real_photo(tmp_path / "pics" / "cat.jpg", "chelsea")
    exiftool_set(photo, "-XMP-dc:Subject=Kitchen")
    add_folder(db, str(photo.parent))
    st = photo.stat()
    pid = add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)
    asked: list[str] = []
    db.conn.set_trace_callback(asked.append)
    try:
        assert sync_file_metadata(db, [str(photo.parent)]).read == 1
        record = file_record(db, pid)
    finally:
        db.conn.set_trace_callback(None)
    assert record is not None and record.keywords == ("Kitchen",)
    assert tag_states(db, pid) == {"Kitchen": "file"}
    assert not [s for s in asked if "table_info" in s.lower()]
