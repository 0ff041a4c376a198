using System;

namespace Turen.Sdk.Envelope;

/// <summary>What to bind to a session blob when sealing it.</summary>
public sealed class SealOptions
{
    private int _frameLength = SessionBlob.DefaultFrameLength;

    /// <summary>The organization that owns the session; stored in the context as <c>turen.org</c>.</summary>
    public required string OrgId { get; init; }

    /// <summary>The session id; stored in the context as <c>turen.session</c>.</summary>
    public required string SessionId { get; init; }

    /// <summary>
    /// Further pairs to store in the header. Keys are limited to <c>[a-z0-9./-]</c> (every ESDK orders them the same
    /// way), must not start with <c>aws-crypto-</c> and must not repeat <c>turen.org</c>/<c>turen.session</c>.
    /// </summary>
    public EncryptionContext Context { get; init; } = EncryptionContext.Empty;

    /// <summary>
    /// Pairs that are authenticated but not stored (the ESDK's required encryption context): whoever opens the blob
    /// must supply them in <see cref="OpenOptions.ExpectedContext"/>. Same key rules as <see cref="Context"/>.
    /// </summary>
    public EncryptionContext AuthenticatedContext { get; init; } = EncryptionContext.Empty;

    /// <summary>Plaintext bytes per frame, 1 to 2^30; defaults to <see cref="SessionBlob.DefaultFrameLength"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public int FrameLength
    {
        get => _frameLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, SessionBlob.MaxSealFrameLength);
            _frameLength = value;
        }
    }
}
