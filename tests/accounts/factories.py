import factory

from poolfund.accounts.choices import Role
from poolfund.accounts.models import ApiToken, RoleAssignment, User
from poolfund.geo.models import Country

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(user, create, extracted, **kwargs):
        if create:
            user.save()


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    """One more role for a person who has one already; a new person comes from `user_with_role`."""

    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.FMU
    country = factory.LazyAttribute(
        lambda assignment: (
            Country.objects.get(iso3="MEX")
            if assignment.role == Role.GOVERNMENT_FOCAL_POINT
            else None
        )
    )


def user_with_role(role: Role, *, username: str | None = None, **assignment) -> User:
    """A person holding `role`, the one way the tests make one: `assignment` scopes and dates
    it (`organisation=`, `donor=`, `country=`, `ends_on=`...; a government focal point is for
    Mexico unless told otherwise). The Fund Management Unit is staff, as `poolfund createuser`
    makes it. A person with no role is a plain `UserFactory()`."""
    user = UserFactory(
        username=username or f"{role.value}-{User.objects.count()}", is_staff=role == Role.FMU
    )
    RoleAssignmentFactory(user=user, role=role, **assignment)
    return user


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token whose key is `token.key` (only factories know it; the database has a digest)."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = "test script"
    key = factory.Sequence(lambda n: f"test-key-{n:040d}")
    prefix = factory.LazyAttribute(lambda token: token.key[:8])
    digest = factory.LazyAttribute(lambda token: ApiToken.digest_for(token.key))

    @classmethod
    def _create(cls, model_class, *args, key, **kwargs):
        token = super()._create(model_class, *args, **kwargs)
        token.key = key
        return token


def recorded_api_token(user: User | None = None, name: str = "recorded") -> ApiToken:
    """A token created through the service, so the audit trail holds its creation."""
    from poolfund.accounts.services import create_api_token

    owner = user or UserFactory()
    token, _key = create_api_token(actor=owner, user=owner, name=name)
    return token
