namespace Turen.Sdk.Credentials;

/// <summary>Whether a secret is for production (<c>_live_</c>) or for fixtures and tests (<c>_test_</c>).</summary>
public enum SecretEnvironment
{
    /// <summary>A production secret: <c>as_live_…</c> or <c>ak_live_…</c>.</summary>
    Live = 0,

    /// <summary>A fixture or test secret: <c>as_test_…</c> or <c>ak_test_…</c>.</summary>
    Test = 1,
}
