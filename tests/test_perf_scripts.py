"""The helpers behind `make bench` and `make loadtest` (the runs themselves need 10,000
experts; their figures are in docs/performance.md)."""

from tools import bench, omgeving


def test_the_bench_runs_at_least_forty_fixed_searches_of_every_kind():
    vragen = bench.ZOEKVRAGEN
    assert len(vragen) >= 40 and len(set(vragen)) == len(vragen)
    assert any("caoch" in v for v in vragen)  # typos
    assert any(v == "q=GLI" for v in vragen)  # abbreviations
    assert any(v.count("+") >= 3 for v in vragen)  # questions of several words
    assert any(not v.startswith("q=") for v in vragen)  # filters alone
    assert any(v.startswith("q=") and "&" in v for v in vragen)  # words with filters


def test_the_percentile_is_the_nearest_rank():
    waarden = list(range(1, 101))
    assert omgeving.percentiel(waarden, 95) == 95
    assert omgeving.percentiel(waarden, 50) == 50
    assert omgeving.percentiel([7.0], 95) == 7.0


def test_a_report_section_is_replaced_and_the_rest_kept(tmp_path, monkeypatch):
    rapport = tmp_path / "performance.md"
    monkeypatch.setattr(omgeving, "RAPPORT", rapport)
    rapport.write_text("# Kop\n\nTekst.\n")
    omgeving.schrijf_sectie("bench", "eerste")
    omgeving.schrijf_sectie("loadtest", "belasting")
    omgeving.schrijf_sectie("bench", "tweede")
    tekst = rapport.read_text()
    assert tekst.startswith("# Kop\n\nTekst.")
    assert "tweede" in tekst and "eerste" not in tekst and "belasting" in tekst
    assert tekst.count("<!-- bench:begin -->") == 1


def test_every_page_has_a_budget_entry_and_the_issue_budgets_are_kept():
    pagina_namen = {p.naam for p in _paginas()} - {bench.BASIS}
    assert bench.P95_MS[10_000] == {
        "zoeken": 50,  # issue 16 (issue 7 had 80)
        "kennis": 50,  # issue 15: the knowledge search and the dossier within search's budget
        "profiel": 40,
        "matrix": 40,
        "vergelijking": 60,
        "inspanning": 50,  # issue 15 (issue 7 had 60)
        "bewerken": 300,  # issue 14: the reference for the joint pages
    }
    # issue 14: the scoring page and the meeting in the range of the edit page
    assert bench.VERHOUDING == {"scoren": ("bewerken", 1.5), "bespreking": ("bewerken", 1.5)}
    assert set(bench.P95_MS[100_000]) | set(bench.VERHOUDING) == pagina_namen
    assert bench.P95_MS[100_000]["zoeken"] == 100 and bench.P95_MS[100_000]["inspanning"] == 60
    assert bench.P95_MS[100_000]["kennis"] == 100
    assert bench.MEDIAAN_MS[100_000] == {"zoeken": 50}
    assert bench.MAX_QUERIES == 12


def _paginas(**tijden):
    namen = ["basis", "zoeken", "kennis", "profiel", "matrix", "vergelijking", "inspanning"]
    namen += ["bewerken", "scoren", "bespreking"]
    return [
        bench.Pagina(naam, ["/x/"], tijden=list(tijden.get(naam, [1.0] * 20)), queries=[5])
        for naam in namen
    ]


def test_the_report_gives_the_ratio_to_the_static_page_and_checks_the_median(monkeypatch):
    monkeypatch.setattr(omgeving, "machine", lambda: "m")
    monkeypatch.setattr(omgeving, "EXPERTS", 100_000)
    paginas = _paginas(basis=[2.0] * 20, zoeken=[60.0] * 20)  # p95 fine, median over 50
    tekst, overschreden = bench.rapport(paginas, "n", 1.0, "a", "b")
    assert overschreden == ["zoeken"]
    regel = next(r for r in tekst.splitlines() if r.startswith("| zoeken "))
    assert "30.0×, 30.0×" in regel and "mediaan ≤ 50 ms, p95 ≤ 100 ms" in regel
    assert "met 100.000 experts" in tekst


def test_the_tools_write_into_this_repository():
    from tools import screenshots

    assert omgeving.RAPPORT.exists()  # docs/performance.md, beside the code
    assert screenshots.UIT.is_dir()  # docs/screenshots
    assert (omgeving.ROOT / "manage.py").exists() and screenshots.ROOT == omgeving.ROOT


def test_the_bench_uses_its_own_database_on_the_server_database_url_names(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db.example.org:5432/productie?sslmode=require")
    assert omgeving.database_url() == "postgres://u@db.example.org:5432/gg_bench?sslmode=require"
    monkeypatch.setattr(omgeving, "EXPERTS", 100_000)
    assert omgeving.database_url().endswith("/gg_bench_100000?sslmode=require")


def test_the_joint_pages_are_held_to_the_edit_page_of_the_same_run(monkeypatch):
    monkeypatch.setattr(omgeving, "machine", lambda: "m")
    monkeypatch.setattr(omgeving, "EXPERTS", 10_000)
    paginas = _paginas(bewerken=[100.0] * 20, scoren=[140.0] * 20, bespreking=[160.0] * 20)
    tekst, overschreden = bench.rapport(paginas, "n", 1.0, "a", "b")
    assert overschreden == ["bespreking"]  # 160 > 1.5 × 100; 140 is within
    regel = next(r for r in tekst.splitlines() if r.startswith("| scoren "))
    assert "p95 ≤ 1.5 × bewerken" in regel and "binnen budget" in regel
