#!/usr/bin/env python3
"""Write the synthetic farm files in tests/fixtures/farms/ (one per encoding, delimiter,
number format, line ending and spreadsheet kind the importer must read). Standard library
only; run from the repository root: python3 scripts/data/make_farm_fixtures.py"""
import os, zipfile
from xml.sax.saxutils import escape

OUT = "tests/fixtures/farms"
os.makedirs(OUT, exist_ok=True)


def write(name, text, encoding="utf-8", newline="\n"):
    data = text.replace("\n", newline).encode(encoding)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


# Windows-1251, Russian headers, semicolons, decimal commas, CRLF (Excel, ru-RU).
write("cp1251-ru-semicolon.csv",
      "№;Название;Широта;Долгота;Мощность (МВт);Владелец;Статус\n"
      "1;Экибастуз ферма;51,72371;75,32287;12,5;ТОО Альфа;закрыта\n"
      "2;Павлодар;52,28;76,95;1 234,5;ТОО Бета;работает\n"
      "3;Степногорск;52,35062;71,88161;;;\n"
      "4;Без координат;;;5;;\n", "cp1251", "\r\n")
# Windows-1251, Kazakh headers (only letters Windows-1251 has: і, no қ).
write("cp1251-kk.csv",
      "Атауы,Ендік,Бойлык,Қуаты (МВт),Иесі\n"
      "Екібастуз,51.72,75.32,10,Альфа\n"
      "Алматы,43.25,76.95,,\n".replace("Қ", "К"), "cp1251", "\r\n")
# KOI8-R, Russian headers, comma separated, LF.
write("koi8r.csv",
      "ид,название,широта,долгота,мощность,статус\n"
      "K1,Караганда,49.8,73.1,3.5,действует\n"
      "K2,Темиртау,50.05,72.96,7,закрыта\n", "koi8_r")
# Mac Roman, CR-only (classic Mac OS), bad latitude on the row a spreadsheet shows as 4.
write("macroman-cr.csv",
      "id,name,lat,lon,owner\n"
      "M1,Café Zürich,47.37,8.54,Müller AG\n"
      "M2,Crème Brûlée,48.85,2.35,Société Générale\n"
      "M3,Bad row,north,2.35,Señor Núñez\n"
      "M4,Fjällbacka,58.6,11.28,Åberg\n", "mac_roman", "\r")
# Windows-1252, comma thousands with dot decimals (en-US), CRLF.
write("cp1252-thousands.csv",
      "id,name,latitude,longitude,Capacity (MW),owner\n"
      "W1,Köln Süd,50.9,6.95,\"1,600.5\",Straße GmbH\n"
      "W2,Zürich,47.37,8.54,\"2,000\",Müller\n"
      "W3,Genève,46.2,6.14,12.25,Crédit\n", "cp1252", "\r\n")
# UTF-16 LE and BE with BOM, tab separated (Excel "Unicode text").
utf16 = ("id\tname\tlat\tlon\tcapacity_mw\n"
         "U1\tЕкібастұз\t51.72\t75.32\t4\n"
         "U2\tҚарағанды\t49.8\t73.1\t2.5\n")
write("utf16le-tab.csv", "\ufeff" + utf16, "utf-16-le", "\r\n")
write("utf16be-tab.csv", "\ufeff" + utf16, "utf-16-be", "\r\n")
# Semicolons, decimal commas, thousands dots, and one ambiguous column.
write("semicolon-decimal-comma.csv",
      "id;name;lat;lon;capacity_kw;power_mw\n"
      "S1;a;51,72;75,32;1.600,5;1.600\n"
      "S2;b;52,28;76,95;1.234;2.500\n"
      "S3;c;49,8;73,1;12,25;3.750\n", newline="\r\n")
# Space and NBSP thousands with decimal comma (fr-FR / ru-RU), apostrophes (de-CH).
write("thousands-spaces.csv",
      "id;lat;lon;Мощность, кВт;capacity_ch\n"
      "T1;51,72;75,32;1 234,5;1'234.5\n"
      "T2;52,28;76,95;1\u00a0600;2'000\n"
      "T3;49,8;73,1;950;12.5\n", newline="\r\n")
# Quoted newlines inside cells, CRLF, no id column, a bad latitude at spreadsheet row 5.
write("quoted-newlines-no-id.csv",
      "name,notes,lat,lon\n"
      "A,\"two\nlines\",51.7,75.3\n"
      "B,\"three\nlines\nhere\",52.2,76.9\n"
      "C,plain,49.8,73.1\n"
      "D,\"x\ny\",95,73.1\n"
      "E,last,43.2,76.9\n", newline="\r\n")
# UTF-8 with a few bad bytes on one row.
with open(os.path.join(OUT, "utf8-bad-bytes.csv"), "wb") as f:
    f.write("id,name,lat,lon\nB1,Ақтөбе,50.28,57.17\n".encode())
    f.write(b"B2,bad \xff\xfe name,50.3,57.2\n")
    f.write("B3,Қостанай,53.2,63.6\n".encode())
# Place names only: gazetteer.
write("places-only.csv",
      "name,town,capacity_mw,status\n"
      "P1,Ekibastuz,10,shut down\n"
      "P2,Екибастуз,5,\n"
      "P3,Ekibastūz,2,\n"
      "P4,Екібастұз,1,\n"
      "P5,Aktau,3,\n"
      "P6,Nowhere-on-earth,4,\n"
      "P7,степногорск,6,\n")
write("places-ru.csv",
      "название;населённый пункт;мощность\n"
      "Ферма 1;Экибастуз;10\n"
      "Ферма 2;Караганда;5\n")


# --- XLSX (hand-written OOXML: shared strings, numbers typed as numbers) ---
def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx(name, sheets):
    strings, index = [], {}

    def sid(s):
        if s not in index:
            index[s] = len(strings)
            strings.append(s)
        return index[s]

    sheet_xml = []
    for _, rows in sheets:
        out = []
        for r, row in enumerate(rows, 1):
            cells = []
            for c, v in enumerate(row):
                ref = f"{col_letter(c)}{r}"
                if v is None:
                    continue
                if isinstance(v, (int, float)):
                    cells.append(f'<c r="{ref}"><v>{v}</v></c>')
                else:
                    cells.append(f'<c r="{ref}" t="s"><v>{sid(v)}</v></c>')
            out.append(f'<row r="{r}">{"".join(cells)}</row>')
        sheet_xml.append(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{"".join(out)}</sheetData></worksheet>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    wb = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {ns}><sheets>'
          + "".join(f'<sheet name="{escape(n)}" sheetId="{i+1}" r:id="rId{i+1}"/>' for i, (n, _) in enumerate(sheets))
          + '</sheets></workbook>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i+1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i+1}.xml"/>' for i in range(len(sheets)))
            + f'<Relationship Id="rId{len(sheets)+1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            + '</Relationships>')
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings) + '</sst>')
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             + "".join(f'<Override PartName="/xl/worksheets/sheet{i+1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(len(sheets)))
             + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
             '</Types>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in [("[Content_Types].xml", types), ("_rels/.rels", root_rels),
                     ("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", rels),
                     ("xl/sharedStrings.xml", sst)] + [
                        (f"xl/worksheets/sheet{i+1}.xml", x) for i, x in enumerate(sheet_xml)]:
            z.writestr(zipfile.ZipInfo(n, (2020, 1, 1, 0, 0, 0)), d, zipfile.ZIP_DEFLATED)


plants = [["Plant ID", "Name", "Latitude", "Longitude", "Capacity (MW)", "Owner", "URL"]]
for i in range(1, 12):
    plants.append([f"X{i}", f"Plant {i}", 50 + i / 10, 70 + i / 10, 1600 if i == 1 else i * 1.5,
                   "Альфа", f"https://example.org/{i}"])
plants[11][2] = "north"  # shown as row 12, column C
xlsx("plants.xlsx", [("Plants", plants), ("Notes", [["about"], ["made by hand"]])])
xlsx("plants-second-sheet.xlsx", [("Readme", [["see the next sheet"]]), ("Farms", plants[:4])])
xlsx("kk-headers.xlsx", [("Парақ1", [["Атауы", "Ендік", "Бойлық", "Қуаты (кВт)"],
                                      ["Екібастұз", 51.72, 75.32, 1600],
                                      ["Қарағанды", 49.8, 73.1, 250.5]])])


# --- ODS ---
def ods(name, sheet, rows):
    def cell(v):
        if v is None:
            return "<table:table-cell/>"
        if isinstance(v, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>'
    body = "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">{body}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(os.path.join(OUT, name), "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype", (2020, 1, 1, 0, 0, 0)), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr(zipfile.ZipInfo("content.xml", (2020, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("META-INF/manifest.xml", (2020, 1, 1, 0, 0, 0)), manifest, zipfile.ZIP_DEFLATED)


ods("plants.ods", "Лист1", [["id", "название", "широта", "долгота", "мощность"],
                             ["O1", "Екибастуз", 51.72, 75.32, 1600],
                             ["O2", "Павлодар", 52.28, 76.95, 12.5],
                             ["O3", "Плохая", 120, 76.95, None]])
print("wrote", len(os.listdir(OUT)), "files to", OUT)
