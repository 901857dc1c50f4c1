"""Step 1: the ids every other record refers to, each defined once, and the party tables."""

from __future__ import annotations

from .context import Context, name_normaliser


def collect(ctx: Context) -> None:
    """Register sources, parties, series, documents and events; check ids and file names."""
    rows = ctx.rows
    for r in rows["people"] + rows["participants"]:
        assert r.parent is not None
        r.values["event_id"] = r.parent.values.get("event_id")
    for r in rows["document_actions"]:
        assert r.parent is not None
        r.values["doc_id"] = r.parent.values.get("doc_id")
    reg = ctx.registries
    reg["sources"] = ctx.unique("sources", lambda r: r.values.get("source_id"), "source id",
                                "id")
    ctx.unique("sources", lambda r: r.values.get("url"), "definition of the URL", "url")
    for r in rows["sources"]:
        if r.values.get("url") is None and not r.values.get("notes"):
            ctx.add(r.loc, "url", "url", "nothing", "the page's URL, or `notes` saying why it "
                    "is not known")
    reg["parties"] = ctx.unique("parties", lambda r: r.values.get("party"), "party code",
                                "code")
    reg["series"] = ctx.unique("series", lambda r: r.values.get("series_id"), "series id", "id")
    reg["documents"] = ctx.unique("documents", lambda r: r.values.get("doc_id"),
                                  "document id", "id")
    reg["events"] = ctx.unique("events", lambda r: r.values.get("event_id"), "event id", "id")
    for table, idcol in (("events", "event_id"), ("documents", "doc_id")):
        for r in rows[table]:
            stem = r.raw.get("__file_stem__")
            if r.values.get(idcol) and stem != r.values[idcol]:
                ctx.add(r.loc, "id", "id", f"{r.values[idcol]!r} in a file named {stem!r}",
                        f"the file to be named {r.values[idcol]}.yaml (one record per file, "
                        "named after its id)")


def check_parties(ctx: Context) -> None:
    """Party codes and types agree with ISO 3166; name variants name known parties once."""
    import pycountry

    for r in ctx.rows["parties"]:
        code, ptype = r.values.get("party"), r.values.get("party_type")
        if code is None or ptype is None:
            continue
        if code.startswith("ORG:"):
            if ptype == "state":
                ctx.add(r.loc, "party_type", "party_type", f"'state' for {code}",
                        "sco_body or organisation for an ORG: code")
        elif ptype != "state":
            ctx.add(r.loc, "party_type", "party_type", f"{ptype!r} for {code}",
                    "state for an ISO 3166-1 alpha-3 code, or an ORG: code")
        elif pycountry.countries.get(alpha_3=code) is None:
            ctx.add(r.loc, "code", "code", f"{code!r}, which is not an ISO 3166-1 alpha-3 code",
                    "a code from ISO 3166-1 (pycountry)")
    ctx.names = name_normaliser(ctx)
    for r in ctx.rows["name_variants"]:
        ctx.check_party(r.values.get("party"), r, "code", "code")
    ctx.unique("name_variants", lambda r: (r.values.get("party"), r.values.get("language"),
                                           r.values.get("variant")),
               "spelling", "variant")


def check_languages(ctx: Context) -> None:
    """Languages of sources and name variants are ISO 639-1 codes."""
    import pycountry

    for table in ("sources", "name_variants"):
        for r in ctx.rows[table]:
            lang = r.values.get("language")
            if lang is not None and (len(lang) != 2 or
                                     pycountry.languages.get(alpha_2=lang) is None):
                ctx.add(r.loc, "language", "language", repr(lang),
                        "an ISO 639-1 two-letter language code such as en, ru, zh")
