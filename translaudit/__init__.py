"""translaudit: audit a machine translation against its original.

>>> import translaudit
>>> report = translaudit.audit("Prices rose by 12% in 2024.", "Prices rose by 21% in 2024.")
>>> [(f.kind, f.severity, f.source.text, f.target.text) for f in report.findings]
[('number.changed', 'critical', '12%', '21%')]
"""

from ._align import align
from ._audit import audit
from ._config import CHECKS, AuditConfig
from ._errors import (
    BackendError,
    ConfigError,
    DecodeError,
    EmptyInputError,
    InputError,
    OutputError,
    TranslauditError,
)
from ._model import (
    FINDING_KINDS,
    SCHEMA_VERSION,
    SEVERITIES,
    Document,
    Finding,
    Link,
    Report,
    Sentence,
    Span,
    Summary,
)
from ._segment import segment
from ._version import __version__

__all__ = [
    "CHECKS",
    "FINDING_KINDS",
    "SCHEMA_VERSION",
    "SEVERITIES",
    "AuditConfig",
    "BackendError",
    "ConfigError",
    "DecodeError",
    "Document",
    "EmptyInputError",
    "Finding",
    "InputError",
    "Link",
    "OutputError",
    "Report",
    "Sentence",
    "Span",
    "Summary",
    "TranslauditError",
    "__version__",
    "align",
    "audit",
    "segment",
]
