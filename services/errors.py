"""Domain errors raised by services; views turn them into messages."""


class DomainError(Exception):
    """A request the domain refuses; ``message`` is shown to the user (already translated)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ConflictError(DomainError):
    """Someone else changed the same data since it was loaded."""
