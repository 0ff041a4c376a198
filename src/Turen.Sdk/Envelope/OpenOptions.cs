using System;

namespace Turen.Sdk.Envelope;

/// <summary>What a session blob must satisfy to be opened.</summary>
public sealed class OpenOptions
{
    /// <summary>The default cap on encrypted data keys per message.</summary>
    public const int DefaultMaxEncryptedDataKeys = 10;

    /// <summary>The default cap on the plaintext size of one frame (or of a non-framed body): 64 MiB.</summary>
    public const int DefaultMaxFrameLength = 64 * 1024 * 1024;

    private readonly int _maxEncryptedDataKeys = DefaultMaxEncryptedDataKeys;
    private readonly int _maxFrameLength = DefaultMaxFrameLength;
    private readonly int _maxDegreeOfParallelism = 1;

    /// <summary>Options with every default: current-format messages only, signed suites allowed, 10 data keys at most.</summary>
    public static OpenOptions Default { get; } = new();

    /// <summary>
    /// The context the caller expects (the ESDK's "reproduced" context). A key the header stores must have the same
    /// value, or opening fails with <see cref="SessionBlobError.ContextMismatch"/>; a key the header does not store is
    /// authenticated as a required (not-stored) pair.
    /// </summary>
    public EncryptionContext ExpectedContext { get; init; } = EncryptionContext.Empty;

    /// <summary>
    /// Accept message format version 1 (non-committing suites, including non-framed bodies). Off by default: such
    /// messages are refused right after the header is read, before any key is used.
    /// </summary>
    public bool AllowLegacy { get; init; }

    /// <summary>Accept suites with an ECDSA signature footer (0x0578 and the legacy signed suites). On by default.</summary>
    public bool AllowSigned { get; init; } = true;

    /// <summary>
    /// How many frames may be decrypted at once, on as many threads: 1 (the default) keeps the whole operation on the
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

    /// <summary>The most encrypted data keys a header may list, checked before any is read; at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxEncryptedDataKeys
    {
        get => _maxEncryptedDataKeys;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxEncryptedDataKeys = value;
        }
    }

    /// <summary>
    /// The largest frame (or non-framed body) accepted, because a frame is held in memory until its tag verifies.
    /// At most 2^30.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public int MaxFrameLength
    {
        get => _maxFrameLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1 << 30);
            _maxFrameLength = value;
        }
    }
}
