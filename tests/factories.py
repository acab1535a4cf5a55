"""factory_boy factories: valid rows by default, drafts unless asked otherwise."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from factcheck.evidence import index_statement
from factcheck.importing import content_hash
from factcheck.models import Article, Outlet, Source, Speaker, Statement, Topic, Verdict
from factcheck.publishing import refresh_current_verdict
from factcheck.roles import EDITOR, FACT_CHECKER, apply_roles
from factcheck.scales import Kind, Rating


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")


def joins_group(name: str) -> factory.PostGeneration:
    """A post-generation step that puts the new user in one of the desk's groups."""

    def join(user, create, extracted, **kwargs):
        if create:
            if not Group.objects.filter(name=name).exists():
                # A transactional test before this one flushed the data migration's groups.
                apply_roles(group_model=Group, permission_model=Permission)
            user.groups.add(Group.objects.get(name=name))

    return factory.PostGeneration(join)


class FactCheckerFactory(UserFactory):
    role = joins_group(FACT_CHECKER)


class EditorFactory(UserFactory):
    role = joins_group(EDITOR)


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Daily Record {n}")
    slug = factory.Sequence(lambda n: f"daily-record-{n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Minister {n}")
    slug = factory.Sequence(lambda n: f"minister-{n}")
    role = "Secretary of State"
    party = "Labour"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Minister makes promise number {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    outlet = factory.SubFactory(OutletFactory)
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    body = factory.Sequence(
        lambda n: f"The minister said 1,{n:03d} new nurses will be hired by 2030.\n\nCritics doubted it."
    )
    original_text = factory.LazyAttribute(lambda o: f"{o.title}\n\n{o.body}")
    content_hash = factory.LazyAttribute(lambda o: content_hash(o.body))


class StatementFactory(factory.django.DjangoModelFactory):
    """A pledge quoting the first sentence of its article."""

    class Meta:
        model = Statement
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    speaker = factory.SubFactory(SpeakerFactory)
    kind = Kind.PLEDGE
    start = 0
    end = factory.LazyAttribute(lambda o: o.article.body.index(".") + 1)
    quote = factory.LazyAttribute(lambda o: o.article.body[o.start : o.end])
    title = factory.Sequence(lambda n: f"Hire new nurses {n}")
    slug = factory.Sequence(lambda n: f"hire-new-nurses-{n}")

    @factory.post_generation
    def indexed(statement, create, extracted, **kwargs):
        """In the evidence finder's index, as tagging leaves it."""
        if create:
            index_statement(statement=statement)


class VerdictFactory(factory.django.DjangoModelFactory):
    """A draft verdict."""

    class Meta:
        model = Verdict

    statement = factory.SubFactory(StatementFactory)
    rating = Rating.IN_THE_WORKS
    headline = factory.Sequence(lambda n: f"Recruitment under way, update {n}")
    explanation = "The health department says hiring has started."
    checked_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))


class PublishedVerdictFactory(VerdictFactory):
    """A published verdict, its statement's copy of the current verdict kept as publishing keeps it."""

    class Meta:
        skip_postgeneration_save = True

    status = Verdict.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def refresh_statement(verdict, create, extracted, **kwargs):
        if create:
            refresh_current_verdict(verdict.statement)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    verdict = factory.SubFactory(VerdictFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Department of Health press release"
    url = "https://example.org/press-release"
