namespace Turen.Sdk.Keys;

/// <summary>Settings of <see cref="Microsoft.Extensions.DependencyInjection.TurenServiceCollectionExtensions.AddTurenLocalKek"/>.</summary>
public sealed class LocalKekOptions
{
    /// <summary>The Turen home folder; null means <c>TUREN_HOME</c>, else <c>~/.turen</c>. Ignored when <see cref="KeyFilePath"/> is set.</summary>
    public string? Home { get; set; }

    /// <summary>The key file; null means <c>kek.key</c> in the home folder.</summary>
    public string? KeyFilePath { get; set; }

    /// <summary>The passphrase of a sealed key file (or for a new one); null for an unsealed file.</summary>
    public string? Passphrase { get; set; }

    /// <summary>When true a missing key file is created at start-up; otherwise a missing file fails start-up.</summary>
    public bool CreateIfMissing { get; set; }

    /// <summary>The key file path these settings choose.</summary>
    public string ResolveKeyFilePath() => KeyFilePath ?? TurenHome.Resolve(Home).KeyFilePath;
}
