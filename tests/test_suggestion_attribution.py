"""Who says each sentence: names, "said X", appositions, pronouns, roles, parties and running quotations."""

import pytest

from factcheck.suggesting import analyse, choose
from factcheck.suggesting.attribution import attribute, readers_comments_from
from factcheck.suggesting.model import KindModel
from factcheck.suggesting.people import read_cast
from factcheck.suggesting.sentences import read_sentences


def speakers(body):
    sentences = read_sentences(body)
    return [a.speaker for a in attribute(body, sentences, read_cast(body))]


def test_a_named_subject_before_the_speech_verb_says_the_sentence():
    body = "Tory co-chairman Jo Bloggs said the plans were a shambles."
    assert speakers(body) == ["Jo Bloggs"]


def test_an_inverted_attribution_after_the_quotation_names_the_speaker():
    body = '"We will not give up," said Dr Ruth Ellis.'
    assert speakers(body) == ["Ruth Ellis"]


def test_a_person_named_after_a_role_of_an_organisation_in_apposition_is_the_speaker():
    body = "The chairman of the Bar Council, Tom Brown QC warned there was a real risk."
    assert speakers(body) == ["Tom Brown"]


def test_the_subject_before_an_apposition_is_the_speaker_not_the_people_inside_it():
    body = "Ann Lee, the lawyer representing Mr Cole and Mr Hart, said the arrests were unfair."
    assert speakers(body) == ["Ann Lee"]


def test_an_attribution_at_the_end_governs_the_whole_sentence():
    body = "Labour will cut waiting lists if it wins, the party's health spokesman Sam Cole has said."
    assert speakers(body) == ["Sam Cole"]


def test_he_and_she_go_back_to_the_last_person_spoken_of():
    body = "Ella Moss, the Green candidate, spoke first. Joe Hart said he was pleased. He said taxes would fall."
    assert speakers(body)[-1] == "Joe Hart"


def test_title_and_surname_resolve_to_the_full_name_given_earlier():
    body = "Ruth Ellis opened the debate. Later Ms Ellis said the bill was flawed."
    assert speakers(body)[-1] == "Ruth Ellis"


def test_a_role_resolves_to_the_person_introduced_with_it():
    body = "Home Secretary Mark Evans met police chiefs. The home secretary said crime would fall."
    assert speakers(body)[-1] == "Mark Evans"


def test_parties_speak_under_one_name_and_the_party_is_the_party_last_named():
    body = "The Tories say the sums do not add up. Labour unveiled its plans. The party said it would act."
    assert speakers(body) == ["the Conservatives", "Labour", "Labour"]


def test_a_quotation_with_no_attribution_of_its_own_goes_on_in_the_last_speakers_voice():
    body = 'Priya Shah said: "We will act. "Nobody will be left behind." Then Mark Evans spoke.'
    assert speakers(body)[:2] == ["Priya Shah", "Priya Shah"]


def test_according_to_names_the_speaker():
    body = "The average saving would be £1,000, according to Mr Cable."
    assert speakers(body) == ["Mr Cable"]


def test_sentences_before_anyone_is_named_belong_to_the_first_speaker():
    body = "Around £12m will be spent on buses.\n\nTransport Secretary Priya Shah said rural areas come first."
    assert speakers(body) == ["Priya Shah", "Priya Shah"]


def test_places_are_not_speakers():
    body = "North Dakota will vote on Tuesday. West Ham said the stadium would open in May."
    assert "North Dakota" not in speakers(body)


def test_a_group_of_a_partys_people_is_named_as_such():
    body = "UKIP officials also argue the new party is a parody."
    assert speakers(body) == ["UKIP officials"]


def test_a_partys_leader_is_the_person_the_article_ties_to_that_party():
    body = (
        "Tory leader Ann Lee will speak in Leeds. Tony Hart of Labour disagreed. The Tory leader said taxes would fall."
    )
    assert speakers(body)[-1] == "Ann Lee"


def test_a_plan_or_a_pledge_used_as_a_noun_attributes_nothing():
    body = "Sam Cole spoke first. The Labour plan for schools would cost £2bn, he said."
    assert speakers(body)[-1] == "Sam Cole"


def test_an_inverted_attribution_needs_a_comma_or_quotation_before_the_verb():
    body = "Ann Lee spoke. While praising the chancellor, she criticised the Conservatives for their tax plans."
    assert speakers(body)[-1] == "Ann Lee"


def test_she_passes_over_a_man_spoken_of_since_to_the_woman_before_him():
    body = (
        "Ms Ruth Ellis has written to Mr Tom Hart asking for an inquiry. "
        "Mr Hart was unavailable. She said questions must be answered."
    )
    assert speakers(body)[-1] == "Ruth Ellis"


def test_a_name_after_to_is_the_object_not_the_subject_of_the_verb_that_follows():
    body = "Ann Lee has written to Mr Joe Hart asking for clarification."
    assert speakers(body) == ["Ann Lee"]


def test_a_spokesman_speaks_for_the_party_or_body_named_with_him():
    body = (
        "The Home Office published its figures. A Home Office spokesman said the rise was small. "
        "A Labour spokesman said the figures were a disgrace."
    )
    assert speakers(body)[1:] == ["Home Office", "Labour"]


def test_she_after_a_spokeswoman_is_still_the_spokeswoman_s_body():
    body = (
        "Tory leader Sam Cole said it was beyond belief. "
        "An executive spokeswoman said the Scottish Executive had not been told. "
        'She said: "Ministers were not asked."'
    )
    assert speakers(body)[1:] == ["Scottish Executive", "Scottish Executive"]


def test_a_long_apposition_or_one_between_dashes_leaves_the_subject_before_it():
    body = (
        "Mr Joe Hart, who quit the party last year over its policy on Europe and on the euro, said it was lost. "
        "Mary Lee - who chairs the committee which monitors the Home Office - said the claims were serious."
    )
    assert speakers(body) == ["Joe Hart", "Mary Lee"]


def test_a_person_of_a_body_is_the_speaker_not_the_body():
    body = "Peter Saunders of the Refugee Council said the policy was cruel."
    assert speakers(body) == ["Peter Saunders"]


def test_another_party_s_leader_is_not_the_person_introduced_as_a_leader():
    body = (
        "SNP leader Ann Lee spoke first. Conservative MSP Tom Hart was there. "
        "The Scottish Conservative leader said he would stay."
    )
    assert speakers(body)[-1] == "Tom Hart"


def test_a_quotation_that_opens_without_attribution_takes_the_one_at_the_end_of_its_next_sentence():
    body = (
        "Ann Lee said the plans were welcome. \"Labour's arrogance has been their undoing. "
        'They will pay for it," said Tom Hart.'
    )
    assert speakers(body) == ["Ann Lee", "Tom Hart", "Tom Hart"]


def test_the_lord_chancellor_is_an_office_not_a_person_named_chancellor():
    body = "The Lord Chancellor, Lord Falconer, agreed the act was unfair. The change was complex, he said."
    assert speakers(body) == ["Lord Falconer", "Lord Falconer"]


def test_by_and_a_gerund_is_how_the_subject_spoke_not_who_spoke():
    body = "Foreign Secretary Ann Lee met Tory MPs. The foreign secretary hit back by saying Tory policy had failed."
    assert speakers(body)[-1] == "Ann Lee"


def test_the_party_spokesman_is_the_party_figure_just_quoted_by_name():
    body = (
        "Shadow health secretary Tom Brown attacked the plans. "
        '"They will fail," he said. The Tory spokesman also criticised the timetable.'
    )
    assert speakers(body)[-1] == "Tom Brown"


def test_a_party_spokesman_unnamed_speaks_for_the_party():
    body = "Ann Lee opened the debate. A Tory spokesman said the plans would fail."
    assert speakers(body)[-1] == "the Conservatives"


def test_who_said_gives_the_relative_clause_subject_even_after_a_preposition():
    body = "The premier was responding to a challenge from Tory leader Jo Bloggs who said Labour would raise taxes."
    assert speakers(body) == ["Jo Bloggs"]


def test_a_person_after_a_party_and_a_long_title_says_the_quotation():
    body = '"This is hypocrisy," said Tory shadow local government secretary Ann Lee.'
    assert speakers(body) == ["Ann Lee"]


def test_a_surname_that_is_also_a_place_word_is_a_person_after_a_title():
    body = "Housing Minister Keith Hill said the plans were copied. Protesters met at Castle Hill."
    assert speakers(body)[0] == "Keith Hill"


def test_a_relative_clause_of_wanting_or_of_the_passive_does_not_name_the_speaker():
    body = (
        "Home Secretary Ann Lee set out the rules. "
        "All people from outside the European Union who want to stay a year will need a check. "
        "The posters were shown to Labour members, who were asked to vote."
    )
    assert speakers(body)[1:] == ["Ann Lee", "Ann Lee"]


def test_a_plain_said_keeps_the_sentence_even_when_a_relative_clause_reports_others():
    body = "The Culture Secretary Ann Lee said the move showed she listened to critics who feared a boom."
    assert speakers(body) == ["Ann Lee"]


def test_a_title_that_lists_its_portfolio_leaves_the_ministers_name_alone():
    body = "Minister for Children, Young People and Families Margaret Hodge said the plans would be fair."
    assert speakers(body) == ["Margaret Hodge"]


def test_a_spokesman_of_a_body_named_only_by_its_initials_speaks_for_it():
    body = (
        "UK airport operator BAA has backed the plans.\n\n"
        '"We are consulting on compensation schemes," a BAA spokesman said.'
    )
    assert speakers(body)[-1] == "BAA"


def test_a_body_whose_name_holds_and_is_named_whole():
    body = (
        "The Public and Commercial Services Union said the cuts were a false economy. "
        "The Health and Safety Executive said it would act."
    )
    assert speakers(body) == ["Public and Commercial Services Union", "Health and Safety Executive"]


def test_an_acronym_before_and_is_a_body_of_its_own_not_part_of_the_next_name():
    body = "The CBI and Trades Union Congress said the plan was welcome."
    assert speakers(body) == ["Trades Union Congress"]


def test_a_month_after_a_first_name_is_a_surname():
    body = (
        "Theresa May, shadow secretary for the family, said the plans were inadequate. "
        "She said a new government would act."
    )
    assert speakers(body) == ["Theresa May", "Theresa May"]


@pytest.mark.parametrize("opening", ["Last May", "Since May", "In May"])
def test_a_month_after_a_time_word_is_no_one(opening):
    body = f"Ann Lee, the minister, spoke. {opening}, Labour said the plans were inadequate."
    assert speakers(body) == ["Ann Lee", "Labour"]


@pytest.mark.parametrize(
    "introduction, name",
    [
        ("But former British Commander Colonel Bob Stewart said", "Bob Stewart"),
        ("Suffolk Chief Constable Alastair McWhirter said", "Alastair McWhirter"),
        ("Former prime minister John Major said", "John Major"),
    ],
)
def test_a_rank_before_a_name_is_a_title_not_part_of_the_name(introduction, name):
    assert speakers(f"{introduction} the plans were a disgrace.") == [name]


@pytest.mark.parametrize(
    "sentence, body_name",
    [
        ('A spokesman for the DCA said: "The DCA has provided strong leadership."', "DCA"),
        ('"We will raise it with the party leaders," a CRE spokeswoman said.', "CRE"),
    ],
)
def test_a_spokesperson_speaks_for_a_body_named_only_by_its_initials(sentence, body_name):
    body = f'Committee chairman Alan Beith said: "The department was not ready." {sentence}'
    assert speakers(body) == ["Alan Beith", body_name]


def test_initials_set_in_capitals_for_stress_are_no_body():
    assert speakers("Ann Lee said the Tories could improve services AND cut taxes.") == ["Ann Lee"]


def test_a_participle_after_a_comma_is_said_by_the_sentences_subject_not_by_whom_it_names():
    body = (
        "Charles Kennedy was in buoyant mood, declaring the Tories were not going to win. "
        "He repeated his pledge not to do deals."
    )
    assert speakers(body) == ["Charles Kennedy", "Charles Kennedy"]


def test_an_unnamed_official_speaks_for_the_body_not_for_the_person_last_named():
    body = (
        "The rebate was won by Margaret Thatcher in 1984 for the UK Government. "
        'But a UK Government official responded: "Even with the rebate, the UK pays more."'
    )
    assert speakers(body)[-1] == "UK Government"


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("Tory co-chairman Liam Fox opened the forum with an attack on Labour.", "Liam Fox"),
        ("Liberal Democrat environment spokesman Norman Baker underlined the issue.", "Norman Baker"),
        ("The Lib Dems called for Commons leader Peter Hain to make a statement.", "the Liberal Democrats"),
    ],
)
def test_a_sentence_led_by_a_party_and_an_office_is_the_office_holders(sentence, speaker):
    assert speakers(sentence) == [speaker]


def _comments_start(body):
    sentences = read_sentences(body)
    return readers_comments_from(body, sentences, attribute(body, sentences, read_cast(body)))


REPORT = (
    "The minimum wage will rise in October, the government has announced.\n\n"
    'Business leader Ann Lee said: "It will cost jobs."\n\n'
)
COMMENTS = (
    "This will only lead to a reduction in jobs. I have seen it before.\n\n"
    "I work at a hospital where the contractors pay the minimum wage.\n\n"
    "The timing cannot be coincidental.\n\n"
    "As a graduate on the minimum wage, I welcome any increase.\n\n"
)


def test_readers_comments_at_the_end_of_an_article_are_found_from_their_first_paragraph():
    body = REPORT + COMMENTS
    sentences = read_sentences(body)
    first = next(s for s in sentences if body[s.start : s.end].startswith("This will only lead"))
    assert _comments_start(body) == first.paragraph


def test_a_reporters_article_with_a_first_person_quote_has_no_comments():
    body = REPORT + 'Mr Cole said: "I will fight this." He said: "My members agree."\n\nThe vote is on Monday.'
    assert _comments_start(body) is None


def test_nothing_in_readers_comments_is_suggested_whatever_the_models_score():
    body = REPORT + COMMENTS
    everything = {kind: KindModel({}, intercept=5.0, threshold=0.5) for kind in ("pledge", "criticism")}
    chosen = [body[c.start : c.end] for c in choose(body, analyse(body), everything)]
    assert any("government has announced" in text for text in chosen)
    assert not any("reduction in jobs" in text or "coincidental" in text for text in chosen)


def test_a_closing_she_said_is_the_person_the_sentence_named_before_it():
    body = (
        'Ieuan Wyn Jones, leader of Plaid, said: "It is a disgrace." '
        'Kirsty Williams, for the Lib Dems, added: "If the policy goes on, nothing changes," she said.'
    )
    assert speakers(body) == ["Ieuan Wyn Jones", "Kirsty Williams"]


def test_a_party_named_before_a_person_is_no_part_of_the_name():
    assert speakers('For the Lib Dems David Laws said: "The chancellor will tell us."') == ["David Laws"]


def test_an_unnamed_lead_is_the_person_the_next_sentence_names():
    body = (
        'The Conservatives have been "a lot smarter" in the campaign, a Labour backbencher has said. '
        "Derek Wyatt said a five month campaign turned off voters."
    )
    assert speakers(body) == ["Derek Wyatt", "Derek Wyatt"]


def test_an_unnamed_role_after_someone_was_named_is_not_looked_for_ahead():
    body = (
        "Ann Lee opened the debate. The plan is a shambles, a Labour backbencher has said. "
        "Bob Cole said the vote would be close."
    )
    assert speakers(body)[1] != "Bob Cole"


def test_the_holder_of_one_office_is_not_the_holder_of_another():
    body = (
        "Foreign Secretary Jack Straw announced the embassy closures. "
        "The chancellor has demanded all government departments make similar savings."
    )
    assert speakers(body)[-1] != "Jack Straw"


def test_a_sentence_led_by_an_office_in_lower_case_is_the_office_holders():
    body = "Public accounts committee chairman Edward Leigh was giving his reaction to the report."
    assert speakers(body) == ["Edward Leigh"]


def test_initials_that_speak_are_a_body_but_a_countrys_are_not():
    body = (
        'Ann Lee said: "The plans are fine." The TUC said cuts would deliver little. '
        "The UK wants a deal, officials said."
    )
    assert speakers(body)[1] == "TUC"
    assert "UK" not in speakers(body)
