"""Hostile text the app must take (accepted) or refuse (forbidden), shared by the suites."""

from hypothesis import strategies as st

# every class of letter the documents print: Russian, Buryat, Latin with diacritics
RUSSIAN = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
BURYAT = "ӨөҮүҺһ"
LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÉéÜüÖößÇçÑñ"
DIGITS = "0123456789"
PUNCTUATION = " .,;:!?-–—'’\"«»()[]/\\№%&*+=<>@#_"
LETTER_CLASSES = {"russian": RUSSIAN, "buryat": BURYAT, "latin": LATIN, "digits": DIGITS}

MARKUP = [
    "Гимназия <b>№2",
    "<para>Школа</para> & «Ко» </font>",
    "<img src='x'/> &amp; &#0; &nbsp; <br/>",
    "]]><![CDATA[ <i>",
    "<font name='Nope'>Өлзий</font>",
    "Һүүхэн <u> Үлзий & Ко",
]
ACCEPTED_SAMPLES = [
    *MARKUP,
    "Петрова Анна-Мария Д’Артаньян",
    "Дашиева Сэсэгма Баторовна",
    ("Прошу пересмотреть оценку, так как ответ полный и соответствует критериям. " * 30)[:1500],
    "\n".join(f"строка {n}" for n in range(120)),
    "слово" * 400,  # one unbreakable word far wider than a column
    "\t табуляция \r\n и перенос \n",
]
# refused at the door: controls, bidi, lone surrogates
FORBIDDEN = [
    "Имя\x00",
    "\x07звонок",
    "abc\x1bESC",
    "C1\x85next",
    "DEL\x7f",
    "\u202eтевирп",
    "\u2066изолят\u2069",
    "знак\u200f",
]
# accepted in free text, refused in names (the fonts cannot print them)
UNPRINTABLE_NAMES = ["Ἀλέξανδρος", "שלום", "王小明", "Ахмед ٣", "Mūsā ǅ"]

accepted_text = st.one_of(
    st.sampled_from(ACCEPTED_SAMPLES),
    st.text(
        alphabet=st.sampled_from(RUSSIAN + BURYAT + LATIN + DIGITS + PUNCTUATION + "\n"),
        max_size=400,
    ),
    st.lists(st.sampled_from(MARKUP + ["Ө", "\n", " ", "слово"]), max_size=60).map("".join),
)
