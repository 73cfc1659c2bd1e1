"""The Beta distribution's CDF and quantiles without scipy.

``beta_cdf`` evaluates the regularized incomplete beta function I_x(a, b) by its
continued fraction (modified Lentz method), using the symmetry
I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges slowly. ``beta_quantile``
inverts it by Newton steps kept inside a shrinking bisection bracket, so it always
converges. ``jeffreys_interval`` gives the equal-tailed Jeffreys interval of a
binomial proportion.
"""

from __future__ import annotations

import math

_TINY = 1e-300
_EPS = 1e-15
_MAX_TERMS = 10_000


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def _continued_fraction(x: float, a: float, b: float) -> float:
    """The continued fraction of I_x(a, b), accurate for x < (a + 1) / (a + b + 2)."""
    c = 1.0
    d = 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    result = d
    for m in range(1, _MAX_TERMS + 1):
        two_m = 2.0 * m
        for numerator in (
            m * (b - m) * x / ((a + two_m - 1.0) * (a + two_m)),
            -(a + m) * (a + b + m) * x / ((a + two_m) * (a + two_m + 1.0)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + numerator / c
            c = c if abs(c) > _TINY else _TINY
            step = c * d
            result *= step
        if abs(step - 1.0) < _EPS:
            return result
    return result  # pragma: no cover (not reached for a, b up to ~1e8)


def beta_cdf(x: float, a: float, b: float) -> float:
    """P(X <= x) for X ~ Beta(a, b), a > 0, b > 0 (the regularized incomplete beta)."""
    if a <= 0 or b <= 0:
        raise ValueError(f"Beta parameters must be positive, got a={a}, b={b}")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = a * math.log(x) + b * math.log1p(-x) - _log_beta(a, b)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _continued_fraction(x, a, b) / a
    return 1.0 - math.exp(log_front) * _continued_fraction(1.0 - x, b, a) / b


def _beta_pdf(x: float, a: float, b: float) -> float:
    return math.exp((a - 1.0) * math.log(x) + (b - 1.0) * math.log1p(-x) - _log_beta(a, b))


def beta_quantile(q: float, a: float, b: float) -> float:
    """The x in [0, 1] with P(X <= x) = q for X ~ Beta(a, b) (absolute error < ~1e-13)."""
    if not 0.0 <= q <= 1.0:
        raise ValueError(f"quantile level must lie in [0, 1], got {q}")
    if a <= 0 or b <= 0:
        raise ValueError(f"Beta parameters must be positive, got a={a}, b={b}")
    if q in (0.0, 1.0):
        return q
    low, high = 0.0, 1.0
    x = min(max(a / (a + b), 1e-6), 1.0 - 1e-6)  # start at the mean
    for _ in range(200):
        error = beta_cdf(x, a, b) - q
        if error == 0.0:
            return x
        low, high = (x, high) if error < 0.0 else (low, x)
        if high - low <= 1e-15 * high:
            break
        candidate = _newton_or_bisect(x, error, a, b, low, high)
        if abs(candidate - x) <= 1e-15 * x:
            return candidate
        x = candidate
    return 0.5 * (low + high)


def _newton_or_bisect(x: float, error: float, a: float, b: float, low: float, high: float) -> float:
    """The Newton step from ``x`` if it stays inside (low, high), else the midpoint."""
    density = _beta_pdf(x, a, b)
    if density > 0.0 and math.isfinite(density):
        candidate = x - error / density
        if low < candidate < high:
            return candidate
    return 0.5 * (low + high)


def jeffreys_interval(successes: int, trials: int, level: float = 0.99) -> tuple[float, float]:
    """Equal-tailed Jeffreys interval: Beta(s + 1/2, t - s + 1/2) quantiles at (1 ± level)/2."""
    if trials < 0 or not 0 <= successes <= trials:
        raise ValueError(f"need 0 <= successes <= trials, got {successes} of {trials}")
    tail = (1.0 - level) / 2.0
    a = successes + 0.5
    b = trials - successes + 0.5
    return beta_quantile(tail, a, b), beta_quantile(1.0 - tail, a, b)
