"""The XMP metadata of the PDF declares exactly the standards it follows.

PDF/A allows in the XMP only the properties of its predefined schemas and of schemas
the file itself describes (ISO 19005-2/-3, 6.6.2.3): `pdfuaid:part`, the PDF/UA
declaration, is not predefined, so a file that is both PDF/A and PDF/UA carries the
PDF/UA schema as a PDF/A extension schema (`pdfaExtension:schemas`).
"""

from __future__ import annotations

import pikepdf
from lxml import etree

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PROPERTY = "http://www.aiim.org/pdfa/ns/property#"

_PDFUA_SCHEMA = f"""<rdf:Description rdf:about="" xmlns:rdf="{RDF}" xmlns:pdfaExtension="{EXTENSION}"
 xmlns:pdfaSchema="{SCHEMA}" xmlns:pdfaProperty="{PROPERTY}">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>{PDFUAID}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""


def declare(pdf: pikepdf.Pdf, ua: int | None, pdfa: tuple[int, str] | None) -> None:
    """Rewrite the XMP's identification: `pdfuaid:part` when `ua`, `pdfaid:part` and
    `pdfaid:conformance` when `pdfa`, nothing else of either, and the extension schema
    when both."""
    stream = pdf.Root.Metadata
    parser = etree.XMLParser(remove_blank_text=False, resolve_entities=False, no_network=True)
    root = etree.fromstring(stream.read_bytes(pikepdf.StreamDecodeLevel.specialized), parser)
    rdf = root.find(f"{{{RDF}}}RDF") if root.tag != f"{{{RDF}}}RDF" else root
    for description in rdf.findall(f"{{{RDF}}}Description"):
        for name in list(description.attrib):
            if name.startswith((f"{{{PDFAID}}}", f"{{{PDFUAID}}}")):
                del description.attrib[name]
        for child in list(description):
            if child.tag.startswith((f"{{{PDFAID}}}", f"{{{PDFUAID}}}", f"{{{EXTENSION}}}")):
                description.remove(child)
        if not len(description) and set(description.attrib) <= {f"{{{RDF}}}about"}:
            rdf.remove(description)
    ident = etree.SubElement(rdf, f"{{{RDF}}}Description", nsmap={"pdfaid": PDFAID, "pdfuaid": PDFUAID})
    ident.set(f"{{{RDF}}}about", "")
    if pdfa is not None:
        etree.SubElement(ident, f"{{{PDFAID}}}part").text = str(pdfa[0])
        etree.SubElement(ident, f"{{{PDFAID}}}conformance").text = pdfa[1]
    if ua is not None:
        etree.SubElement(ident, f"{{{PDFUAID}}}part").text = str(ua)
    if ua is not None and pdfa is not None:
        rdf.append(etree.fromstring(_PDFUA_SCHEMA, parser))
    body = etree.tostring(root, encoding="utf-8")
    stream.write(b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' + body + b'\n<?xpacket end="w"?>')
    stream.Type, stream.Subtype = pikepdf.Name.Metadata, pikepdf.Name.XML
