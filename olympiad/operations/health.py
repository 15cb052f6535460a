"""GET /health: the process answers and the database does too (for a load balancer or a monitor)."""

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from olympiad.extensions import db
from olympiad.permissions import public

bp = Blueprint("health", __name__)


@bp.get("/health")
@public
def health():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok")
