//! The only home of transcendental float operations, routed through `libm` so that one
//! seed gives the same bits on every machine (std's `exp`/`ln`/`powf` precision is
//! platform-defined).

/// e^x.
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// Natural logarithm.
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// x^y.
pub fn powf(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

/// Square root (correctly rounded everywhere, kept here so every float op has one home).
pub fn sqrt(x: f64) -> f64 {
    libm::sqrt(x)
}

/// Cosine.
pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}

/// Error function.
pub fn erf(x: f64) -> f64 {
    libm::erf(x)
}

/// Saturating response `1 − e^(−x / scale)`: 0 at x = 0, → 1 as x grows; 0 when `scale` ≤ 0.
pub fn saturate(x: f64, scale: f64) -> f64 {
    if scale <= 0.0 || x <= 0.0 {
        0.0
    } else {
        1.0 - exp(-x / scale)
    }
}

/// Hyperbolic response `x / (x + reference)`: ½ at the reference, → 1 as x grows.
pub fn hyperbolic(x: f64, reference: f64) -> f64 {
    if x <= 0.0 {
        0.0
    } else if reference <= 0.0 {
        1.0
    } else {
        x / (x + reference)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saturating_responses_are_bounded_and_monotone() {
        assert_eq!(saturate(0.0, 4.0), 0.0);
        assert!(saturate(4.0, 4.0) < saturate(8.0, 4.0));
        assert!(saturate(1e6, 4.0) <= 1.0);
        assert_eq!(hyperbolic(2.0, 2.0), 0.5);
        assert_eq!(hyperbolic(0.0, 2.0), 0.0);
        assert_eq!(hyperbolic(3.0, 0.0), 1.0);
    }
}
