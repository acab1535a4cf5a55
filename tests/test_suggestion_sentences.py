"""Sentences and quotations as news copy writes them, including copies that lost their paragraph breaks."""

from factcheck.suggesting.sentences import read_sentences


def texts(body):
    return [body[s.start : s.end] for s in read_sentences(body)]


def test_sentences_end_at_full_stops_question_marks_and_closing_quotes():
    body = 'Mr Jones spoke first. Was it wise? "I think so." She agreed.'
    assert texts(body) == ["Mr Jones spoke first.", "Was it wise?", '"I think so."', "She agreed."]


def test_titles_and_initials_do_not_end_a_sentence():
    body = "Dr. Ruth Ellis met George W. Bush on Monday. They talked."
    assert texts(body) == ["Dr. Ruth Ellis met George W. Bush on Monday.", "They talked."]


def test_each_paragraph_and_each_list_item_is_split_on_its_own():
    body = "First paragraph here\n\nUnder the plans:\n\n* Ten new schools will open.\n* Fees will fall."
    sentences = read_sentences(body)
    assert [body[s.start : s.end] for s in sentences][-2:] == ["Ten new schools will open.", "Fees will fall."]
    assert [s.in_list for s in sentences] == [False, False, True, True]


def test_list_items_indented_under_the_first_are_items_too():
    body = (
        "Other plans include:\n\n"
        "- Parenting plans to give advice on access \n"
        " - Extending in-court conciliation \n"
        " - Legal aid changes to give incentives for early resolution."
    )
    sentences = read_sentences(body)
    assert [body[s.start : s.end] for s in sentences][1:] == [
        "Parenting plans to give advice on access",
        "Extending in-court conciliation",
        "Legal aid changes to give incentives for early resolution.",
    ]
    assert [s.in_list for s in sentences] == [False, True, True, True]


def test_quoted_words_are_told_from_the_reporters_words():
    body = 'She said the plan was "a total mess" and would fail.'
    [sentence] = read_sentences(body)
    [(start, end)] = sentence.quoted
    assert body[start:end] == "a total mess"
    assert "".join(body[a:b] for a, b in sentence.narrative) == 'She said the plan was "" and would fail.'


def test_a_fresh_opening_mark_with_no_closing_mark_before_it_goes_on_with_the_same_quotation():
    body = 'He told the BBC: "We will build the road. "It will open in May." Then he left.'
    sentences = read_sentences(body)
    assert texts(body)[1] == '"It will open in May."'
    assert sentences[1].carries_quote
    assert not sentences[2].quoted


def test_a_quotation_left_open_at_the_end_of_a_paragraph_goes_on_in_the_next():
    body = 'She said: "We will act.\n\n"Nobody will be left behind," she added.'
    sentences = read_sentences(body)
    assert sentences[1].carries_quote


def test_a_sentence_quoted_from_its_start_after_a_closed_quotation_starts_a_new_one():
    body = '"We will act," she said. "Nobody will be left behind," he replied.'
    sentences = read_sentences(body)
    assert not sentences[1].carries_quote
    assert sentences[1].quoted_share(body) > 0.6
