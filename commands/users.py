"""Commands for users and demo data."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from demo import loader as demo
from extensions import db
from models import Organisation, Role, User
from services import accounts, invitations, members, organisations
from services.errors import DomainError

users_cli = click.Group("users", help="Create users and set passwords.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role if r != Role.OPERATOR]),
    required=True,
    help="A role that fits the organisation's kind.",
)
@click.option("--organisation", "organisation_name", required=True, help="Organisation name.")
@click.option("--org-admin", is_flag=True, help="Make the user an admin of the organisation.")
@click.password_option()
@with_appcontext
def create_user(email, name, role, organisation_name, org_admin, password):
    """Create a user in an existing organisation."""
    org = db.session.scalar(select(Organisation).where(Organisation.name == organisation_name))
    if org is None:
        raise click.ClickException(f"No organisation named {organisation_name!r}.")
    if Role(role) not in invitations.ROLES_BY_KIND[org.kind]:
        raise click.ClickException(f"The role {role} does not fit a {org.kind} organisation.")
    try:
        user = accounts.create_user(
            email=email, name=name, role=Role(role), organisation=org, password=password
        )
    except DomainError as error:
        raise click.ClickException(error.message) from error
    if org_admin:
        members.grant_admin_from_command_line(user)
    admin = " as organisation admin" if org_admin else ""
    click.echo(f"Created {user.email} ({user.role}){admin} in {org.name}.")


@users_cli.command("create-operator")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.password_option()
@with_appcontext
def create_operator(email, name, password):
    """Create a platform operator: manages organisations, nothing inside them."""
    platform = organisations.platform_organisation()
    try:
        user = accounts.create_user(
            email=email, name=name, role=Role.OPERATOR, organisation=platform, password=password
        )
    except DomainError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Created platform operator {user.email} in {platform.name}.")


@users_cli.command("set-password")
@click.argument("email")
@click.password_option()
@with_appcontext
def set_password(email, password):
    """Set the password of the user with EMAIL (their open sessions end)."""
    user = db.session.scalar(select(User).where(User.email == accounts.normalise_email(email)))
    if user is None:
        raise click.ClickException(f"No user with e-mail {email!r}.")
    try:
        accounts.set_password(user, password)
    except DomainError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Password set for {user.email}.")


@click.command("demo-data")
@with_appcontext
def demo_data():
    """Load demo organisations, users and submissions (development only, once)."""
    if current_app.config["ENV"] not in {"development", "testing"}:
        raise click.ClickException(
            "demo-data is refused outside development (set ASSAY_ENV=development)."
        )
    if not demo.load():
        click.echo("Demo data is already loaded.")
    click.echo(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
    for email, role, org in demo.logins():
        admin = " (organisation admin)" if email in demo.ORG_ADMINS else ""
        click.echo(f"  {role:<9} {email:<32} {org}{admin}")
