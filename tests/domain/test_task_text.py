"""Markdown-lite task text: safe HTML and ReportLab markup."""

from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph

from olympiad.domain.task_text import (
    Block,
    PdfParagraph,
    parse_blocks,
    to_html,
    to_reportlab,
)

TEXT = """Прочитайте **внимательно** описание.
Вторая строка абзаца.

- *Заглавие* книги
- Сведения об ответственности
  (продолжение пункта)
Что пропущено?"""


def test_blocks():
    assert parse_blocks(TEXT) == [
        Block("paragraph", (("Прочитайте **внимательно** описание.", "Вторая строка абзаца."),)),
        Block(
            "list",
            (
                ("*Заглавие* книги",),
                ("Сведения об ответственности", "(продолжение пункта)"),
            ),
        ),
        Block("paragraph", (("Что пропущено?",),)),
    ]


def test_html():
    assert to_html(TEXT) == (
        "<p>Прочитайте <strong>внимательно</strong> описание.<br>\nВторая строка абзаца.</p>\n"
        "<ul>\n<li><em>Заглавие</em> книги</li>\n"
        "<li>Сведения об ответственности<br>\n(продолжение пункта)</li>\n</ul>\n"
        "<p>Что пропущено?</p>"
    )


def test_reportlab():
    assert to_reportlab(TEXT) == [
        PdfParagraph("Прочитайте <b>внимательно</b> описание.<br/>Вторая строка абзаца."),
        PdfParagraph("<i>Заглавие</i> книги", bullet=True),
        PdfParagraph("Сведения об ответственности<br/>(продолжение пункта)", bullet=True),
        PdfParagraph("Что пропущено?"),
    ]


ATTACK = (
    '<script>alert(1)</script> <img src=x onerror=alert(1)> " onmouseover="alert(1)" \'x\' & <b>'
)


def test_no_markup_gets_through_to_html():
    rendered = to_html(ATTACK)
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    assert '"' not in rendered and "'" not in rendered
    assert rendered == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; "
        "&quot; onmouseover=&quot;alert(1)&quot; &#x27;x&#x27; &amp; &lt;b&gt;</p>"
    )


def test_no_markup_gets_through_to_reportlab():
    (paragraph,) = to_reportlab(ATTACK)
    assert "<script" not in paragraph.markup and "<b>" not in paragraph.markup
    flowable = Paragraph(paragraph.markup, getSampleStyleSheet()["Normal"])
    assert "".join(frag.text for frag in flowable.frags) == ATTACK  # shown as typed


def test_emphasis_edge_cases():
    assert to_html("2 * 3 * 4") == "<p>2 * 3 * 4</p>"
    assert to_html("**не закрыто") == "<p>**не закрыто</p>"
    assert to_html("*a **b** c*") == "<p><em>a <strong>b</strong> c</em></p>"
    assert to_html("**a *b* c**") == "<p><strong>a <em>b</em> c</strong></p>"
    assert to_html("*a **b* c**") == "<p>*a <strong>b* c</strong></p>"  # never half-nested


def test_dialogue_dashes_and_line_endings():
    assert to_html("— Где каталог?\r\n— Там.") == "<p>— Где каталог?<br>\n— Там.</p>"
    assert to_html("• один\r\n\r\n\r\nтекст") == "<ul>\n<li>один</li>\n</ul>\n<p>текст</p>"
    assert to_html("") == "" and to_reportlab("  \n ") == []


@given(st.text(alphabet=st.sampled_from(list("ab *-<>&\"'\n\t•")), max_size=60))
def test_any_text_gives_well_formed_reportlab_markup(text):
    style = getSampleStyleSheet()["Normal"]
    for paragraph in to_reportlab(text):
        Paragraph(paragraph.markup, style).wrap(300, 800)  # raises on broken markup
    assert "<script" not in to_html(text.replace("a", "<script>"))
