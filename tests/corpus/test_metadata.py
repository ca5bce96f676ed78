"""Metadata edge cases found by the property-based loader test."""


def test_a_line_of_heading_markers_alone_is_no_title(tmp_path):
    from analysis.pipeline.build import process_one_file
    for data, title in [(b"#", None), (b"## \n", None), (b"#\n\nZentra opens a lab in Paris.", "Zentra opens a lab in Paris.")]:
        p = tmp_path / "a.txt"
        p.write_bytes(data)
        (row, _doc, _boiler, metas), _facts, problems = process_one_file(p, tmp_path / "a.txt", "a", {})
        assert problems == [] and row["title"] == title
        assert all(m["quote"] for m in metas if m["start"] is not None)
