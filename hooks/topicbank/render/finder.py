"""The topic finder page (tim-chuyen-de/, fragments/finder.html) and the small data scripts the browser filters.

The page is a form whose options come from the schema and the vocabulary; the list
itself is drawn by assets/js/finder.js from topics.js, a compact script copy of the
fields of topics.json's records it filters and shows (a page opened from file:// cannot fetch JSON). The home page's
"Tháng này" needs no data file: its twelve months are written into the page (render/this_month.py).
"""
from __future__ import annotations

from pathlib import Path

from ..model import Bank
from ..search.index import js_assignment
from .jinja import render
from .text import GeneratedPage, Urls, yaml_string

FINDER_SRC = "tim-chuyen-de/index.md"
TOPICS_JS = "topics.js"

# (URL parameter, record field, label): the parameters are short ASCII words so shared links stay readable.
FILTERS = [("loai", "kind", "Loại mục"), ("loat", "series", "Loạt"), ("nam", "year", "Năm"),
           ("thang", "months", "Tháng gợi ý"), ("chi-bo", "audience", "Loại hình chi bộ"),
           ("tinh-trang", "status", "Tình trạng")]
BANK_FILTER = ("bank", "bank", "Ngân hàng")  # only on a committee's site, where entries come from several banks


def filter_options(bank: Bank) -> dict[str, list[tuple[str, str]]]:
    """Record field -> [(value, Vietnamese label)] for each select of the finder."""
    schema, vocabulary = bank.schema, bank.vocabulary
    years = sorted({entry.year for entry in bank.entries if entry.year}, reverse=True)
    return {
        "kind": [(value, schema.enum_label("kind", value)) for value in schema.properties["kind"]["enum"]],
        "series": list(vocabulary.labels("series").items()),
        "year": [(str(year), str(year)) for year in years],
        "months": [(str(month), f"Tháng {month}") for month in range(1, 13)],
        "audience": list(vocabulary.labels("audience").items()),
        "status": [(value, schema.enum_label("status", value)) for value in schema.properties["status"]["enum"]],
        "bank": list(bank.bank_labels.items()),
    }


def finder_page(bank: Bank, urls: Urls, template_dirs: tuple[Path, ...] = ()) -> GeneratedPage:
    options = filter_options(bank)
    filters = [{"param": param, "field": field, "label": label, "options": options[field]}
               for param, field, label in FILTERS + ([BANK_FILTER] if bank.is_layered else [])]
    html = render("finder.html", template_dirs, filters=filters, topics_js=urls.href(FINDER_SRC, TOPICS_JS))
    front = (f'---\ntitle: "Tìm chuyên đề"\ndescription: '
             f'{yaml_string("Lọc các mục của ngân hàng theo loại, loạt, năm, tháng, loại hình chi bộ và tình trạng.")}\n---\n')
    return GeneratedPage(FINDER_SRC, front, lambda _body: html.rstrip("\n"))


# What the finder reads of each topics.json record, in the order of topics.js's rows. The fields with a value
# table are stored as numbers into it; url is not stored (it is the id between two fixed parts).
FINDER_FIELDS = ("id", "title", "summary", "kind", "series", "year", "months", "audience", "status", "bank")
CODED_FIELDS = ("kind", "series", "audience", "status", "bank")


def finder_data(records: list[dict[str, object]], bank: Bank) -> dict[str, object]:
    """topics.js's value: the records the finder filters, compact (a row of values per record, each repeated
    value a number into its table, no keys, no links), plus the labels it shows. About half the size of the
    topics.json records: phones download only what the list shows (decode_finder_data reads it back)."""
    labels = {field: dict(values) for field, values in filter_options(bank).items()}
    tables: dict[str, list[str]] = {field: list(labels.get(field, {})) for field in CODED_FIELDS}
    for record in records:  # a value the vocabulary does not list still gets a number
        for field in CODED_FIELDS:
            value = record.get(field)
            for value in value if isinstance(value, list) else [value]:
                if value is not None and value not in tables[field]:
                    tables[field].append(value)
    first = records[0] if records else {"id": "x", "url": "muc/x/"}
    prefix, _, suffix = str(first["url"]).partition(str(first["id"]))
    if any(record["url"] != f"{prefix}{record['id']}{suffix}" for record in records):
        raise ValueError("topics.js: every entry's URL must be its id between the same two parts")

    def code(field: str, value: object) -> object:
        if field not in CODED_FIELDS:
            return value if value is not None else 0
        if isinstance(value, list):
            return [tables[field].index(item) for item in value]
        return tables[field].index(value) if value is not None else -1

    rows = [[code(field, record.get(field)) for field in FINDER_FIELDS] for record in records]
    return {"fields": list(FINDER_FIELDS), "values": tables, "url": [prefix, suffix], "rows": rows, "labels": labels}


def decode_finder_data(data: dict) -> list[dict[str, object]]:
    """The records back from topics.js's rows, as finder.js reads them (for tests)."""
    records = []
    for row in data["rows"]:
        record = {}
        for field, value in zip(data["fields"], row):
            table = data["values"].get(field)
            if table is not None:
                value = [table[item] for item in value] if isinstance(value, list) else (table[value] if value >= 0 else None)
            record[field] = value
        record["year"] = record["year"] or None
        record["url"] = f"{data['url'][0]}{record['id']}{data['url'][1]}"
        records.append(record)
    return records


def finder_data_js(records: list[dict[str, object]], bank: Bank) -> str:
    """topics.js: the finder's compact copy of the topics.json records (finder_data)."""
    return js_assignment("__tbTopics", finder_data(records, bank))

