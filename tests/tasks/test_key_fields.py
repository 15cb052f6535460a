"""Keys typed the way answers are written on a sheet, and written back the same way."""

import pytest

from olympiad.tasks.key_fields import build_key, key_inputs, lines
from tests.tasks.conftest import KEYS


@pytest.mark.parametrize("task_type", list(KEYS))
def test_inputs_build_the_key_again(task_type):
    values = dict(KEYS[task_type])
    values["mode"] = next((v for k, v in values.items() if k.startswith("mode_")), "")
    first = build_key(task_type, values, values["max_points"])
    assert not first.errors
    again = build_key(task_type, key_inputs(task_type, first.key), str(first.max_points))
    assert (again.key, again.max_points) == (first.key, first.max_points)


def test_lines_drop_a_pasted_sequence_of_labels_only():
    assert lines("А) Один\nБ) Два\n\n В) Три ") == ["Один", "Два", "Три"]
    assert lines("1. Один\n2. Два") == ["Один", "Два"]
    assert lines("А. С. Пушкин\nЛ. Н. Толстой") == ["А. С. Пушкин", "Л. Н. Толстой"]
    assert lines("") == []


def test_modes_by_name_or_code():
    values = {"options": "а\nб\nв", "correct": "АБ", "mode": "всё или ничего"}
    assert build_key("multiple_choice", values, "2").key["mode"] == "all_or_nothing"
    values["mode"] = "per_pair"
    assert (
        "Способ оценивания «per_pair» не подходит"
        in build_key("multiple_choice", values, "2").errors["mode"][0]
    )


def test_numbers_keep_their_digits():
    result = build_key("number", {"value": "0,1", "tolerance": "0,05"}, "1")
    assert result.key == {"value": 0.1, "tolerance": 0.05}
    result = build_key("number", {"value": "123456789,123456789", "tolerance": ""}, "1")
    assert result.errors["value"] == ["Правильный ответ: слишком много значащих цифр."]
    assert key_inputs("number", {"value": 1e-05, "tolerance": 0}) == {
        "value": "0,00001",
        "tolerance": "0",
    }


def test_a_wrong_list_does_not_also_blame_the_answer():
    result = build_key("single_choice", {"options": "один", "correct": "Б"}, "1")
    assert list(result.errors) == ["options"]
