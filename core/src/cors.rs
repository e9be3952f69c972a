//! CORS: which origins may call the API from a browser, and the headers that say so.

/// Methods a preflight allows.
pub const ALLOW_METHODS: &str = "GET, POST, PUT, DELETE, OPTIONS";
/// Request headers a preflight allows.
pub const ALLOW_HEADERS: &str = "Authorization, Content-Type";
/// How long browsers may cache a preflight answer, in seconds.
pub const MAX_AGE_SECONDS: &str = "86400";

/// The origins allowed by `ALLOWED_ORIGINS`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorsPolicy {
    /// `*`: any origin.
    Any,
    /// A list of exact origins (`https://app.example.com`); empty allows none.
    List(Vec<String>),
}

impl CorsPolicy {
    /// Reads `ALLOWED_ORIGINS`: `*`, or origins separated by commas. Unset allows none.
    pub fn parse(value: Option<&str>) -> CorsPolicy {
        let value = value.unwrap_or("").trim();
        if value == "*" {
            return CorsPolicy::Any;
        }
        CorsPolicy::List(
            value
                .split(',')
                .map(|o| o.trim().trim_end_matches('/').to_owned())
                .filter(|o| !o.is_empty())
                .collect(),
        )
    }

    /// The `Access-Control-Allow-Origin` value for a request from `origin`, if allowed.
    /// A listed origin is echoed back; `*` answers `*`.
    pub fn allow_origin(&self, origin: Option<&str>) -> Option<String> {
        match self {
            CorsPolicy::Any => Some("*".to_owned()),
            CorsPolicy::List(origins) => {
                let origin = origin?;
                origins
                    .iter()
                    .any(|o| o.eq_ignore_ascii_case(origin))
                    .then(|| origin.to_owned())
            }
        }
    }

    /// The headers to add to any response to a request from `origin`.
    pub fn response_headers(&self, origin: Option<&str>) -> Vec<(&'static str, String)> {
        let mut headers = Vec::new();
        if let Some(allowed) = self.allow_origin(origin) {
            if allowed != "*" {
                headers.push(("Vary", "Origin".to_owned()));
            }
            headers.push(("Access-Control-Allow-Origin", allowed));
        }
        headers
    }

    /// The headers of a preflight (`OPTIONS`) answer to `origin`.
    pub fn preflight_headers(&self, origin: Option<&str>) -> Vec<(&'static str, String)> {
        let mut headers = self.response_headers(origin);
        if headers
            .iter()
            .any(|(name, _)| *name == "Access-Control-Allow-Origin")
        {
            headers.push(("Access-Control-Allow-Methods", ALLOW_METHODS.to_owned()));
            headers.push(("Access-Control-Allow-Headers", ALLOW_HEADERS.to_owned()));
            headers.push(("Access-Control-Max-Age", MAX_AGE_SECONDS.to_owned()));
        }
        headers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_allows_everyone() {
        let p = CorsPolicy::parse(Some("*"));
        assert_eq!(
            p.allow_origin(Some("https://evil.example")),
            Some("*".into())
        );
        assert_eq!(p.allow_origin(None), Some("*".into()));
    }

    #[test]
    fn list_echoes_only_listed_origins() {
        let p = CorsPolicy::parse(Some("https://app.example.com, https://admin.example.com/"));
        assert_eq!(
            p.allow_origin(Some("https://admin.example.com")),
            Some("https://admin.example.com".into())
        );
        assert_eq!(p.allow_origin(Some("https://evil.example.com")), None);
        assert_eq!(
            p.allow_origin(Some("https://app.example.com.evil.com")),
            None
        );
        assert_eq!(p.allow_origin(None), None);
        let h = p.response_headers(Some("https://app.example.com"));
        assert!(h.contains(&("Vary", "Origin".into())));
    }

    #[test]
    fn unset_allows_none() {
        assert_eq!(CorsPolicy::parse(None), CorsPolicy::List(vec![]));
        assert!(
            CorsPolicy::parse(Some(" "))
                .preflight_headers(Some("https://a.example"))
                .is_empty()
        );
    }

    #[test]
    fn preflight_carries_methods_headers_and_max_age() {
        let h = CorsPolicy::parse(Some("https://app.example.com"))
            .preflight_headers(Some("https://app.example.com"));
        let get = |name: &str| h.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone());
        assert_eq!(
            get("Access-Control-Allow-Methods").as_deref(),
            Some(ALLOW_METHODS)
        );
        assert_eq!(
            get("Access-Control-Allow-Headers").as_deref(),
            Some("Authorization, Content-Type")
        );
        assert_eq!(get("Access-Control-Max-Age").as_deref(), Some("86400"));
    }
}
