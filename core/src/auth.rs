//! Bearer-token authentication: reading the header and comparing in constant time.
//!
//! `CF_WORKER_TOKEN` may hold several comma-separated tokens so the secret can be rotated
//! without downtime: deploy `old,new`, move clients to `new`, then deploy `new`.

/// The token in an `Authorization` header value, if it is `Bearer <token>`.
///
/// The scheme is matched case-insensitively (`bearer x` is fine); anything else (`Basic ...`,
/// `Bearer` with nothing after it) gives `None`.
pub fn bearer_token(header: Option<&str>) -> Option<&str> {
    let header = header?.trim();
    let (scheme, rest) = header.split_once(char::is_whitespace)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let token = rest.trim();
    (!token.is_empty()).then_some(token)
}

/// The tokens the Worker accepts. Its `Debug` never shows them.
#[derive(Clone)]
pub struct TokenSet(Vec<Vec<u8>>);

impl std::fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TokenSet({} tokens, redacted)", self.0.len())
    }
}

impl TokenSet {
    /// The tokens in a comma-separated secret; blanks around and between them are ignored.
    pub fn parse(secret: &str) -> TokenSet {
        TokenSet(
            secret
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| t.as_bytes().to_vec())
                .collect(),
        )
    }

    /// How many tokens are configured (none means every request is refused).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no token is configured.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `presented` is one of the tokens.
    ///
    /// Every configured token is compared, each in time that depends only on that token's
    /// length: not on where a mismatch is, nor on the presented token's length.
    pub fn accepts(&self, presented: &str) -> bool {
        let presented = presented.as_bytes();
        self.0.iter().fold(false, |found, token| {
            found | constant_time_eq(token, presented)
        })
    }
}

/// Compares `secret` with `presented`, looping exactly `secret.len()` times whatever
/// `presented` holds, and without branching on the bytes.
fn constant_time_eq(secret: &[u8], presented: &[u8]) -> bool {
    if presented.is_empty() {
        return secret.is_empty();
    }
    let mut diff = (secret.len() ^ presented.len()) as u64;
    for (i, s) in secret.iter().enumerate() {
        // `i % len` keeps the index in bounds without a data-dependent branch.
        let p = presented[i % presented.len()];
        diff |= u64::from(s ^ p);
    }
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_header_forms() {
        assert_eq!(bearer_token(Some("Bearer abc")), Some("abc"));
        assert_eq!(bearer_token(Some("bearer abc")), Some("abc"));
        assert_eq!(bearer_token(Some("BEARER   abc  ")), Some("abc"));
        assert_eq!(bearer_token(Some("Bearer")), None);
        assert_eq!(bearer_token(Some("Bearer ")), None);
        assert_eq!(bearer_token(Some("Bearer    ")), None);
        assert_eq!(bearer_token(Some("Basic dXNlcjpwYXNz")), None);
        assert_eq!(bearer_token(Some("abc")), None);
        assert_eq!(bearer_token(Some("")), None);
        assert_eq!(bearer_token(None), None);
    }

    #[test]
    fn token_set_accepts_each_rotated_token_only() {
        let set = TokenSet::parse(" old-token , new-token,,");
        assert_eq!(set.len(), 2);
        assert!(set.accepts("old-token"));
        assert!(set.accepts("new-token"));
        assert!(!set.accepts("old-toke"));
        assert!(!set.accepts("old-tokenx"));
        assert!(!set.accepts("new-tokeN"));
        assert!(!set.accepts(""));
        assert!(!set.accepts("old-token,new-token"));
        assert!(TokenSet::parse("").is_empty());
        assert!(!TokenSet::parse(" , ").accepts(""));
    }

    #[test]
    fn same_length_and_repeating_tokens_are_refused() {
        let set = TokenSet::parse("abcdabcd");
        assert!(!set.accepts("abcdabce"));
        // A presented prefix that repeats to the secret must not pass by the modulo index.
        assert!(!set.accepts("abcd"));
        assert!(!set.accepts("a"));
    }

    #[test]
    fn debug_redacts() {
        let dbg = format!("{:?}", TokenSet::parse("s3cret-value"));
        assert!(!dbg.contains("s3cret"), "{dbg}");
    }
}
