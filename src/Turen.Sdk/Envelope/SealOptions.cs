using System;

namespace Turen.Sdk.Envelope;

/// <summary>What to bind to a session blob when sealing it.</summary>
public sealed class SealOptions
{
    private int _frameLength = SessionBlob.DefaultFrameLength;
    private int _maxDegreeOfParallelism = 1;

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

    /// <summary>
    /// How many frames may be encrypted at once, on as many threads: 1 (the default) keeps the whole operation on the
    /// calling thread. A larger value lets one large stream use several cores, for a command-line tool or a client
    /// handling one big session; leave it at 1 on a server that already handles many sessions at once. 1 to 64.
    /// </summary>
    /// <remarks>
    /// Frames are gathered in batches of about 512 KiB per lane (at most 32 MiB, or one frame when a frame is larger),
    /// so memory grows with this value but not with the input. Reads and writes stay in order on the calling thread,
    /// frame by frame, and every outcome (output, error, plaintext released before a failure) is the same as with one
    /// lane. Output follows input a batch at a time, so keep 1 for a live stream whose output must keep up with it.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Format.FrameLanes.MaxLanes);
            _maxDegreeOfParallelism = value;
        }
    }

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
