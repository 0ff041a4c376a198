using System;

namespace Turen.Sdk.Envelope.Format;

/// <summary>A header as read from the wire, before authentication, with the raw bytes its tag covers.</summary>
internal sealed class ParsedHeader
{
    public required SessionBlobHeader Header { get; init; }

    public required SuiteInfo Suite { get; init; }

    /// <summary>The header body exactly as received (the header-auth AAD prefix).</summary>
    public required byte[] Body { get; init; }

    /// <summary>The whole header as received, authentication included (signed suites hash it).</summary>
    public required byte[] Bytes { get; init; }

    /// <summary>The stored commit key (v2), empty otherwise.</summary>
    public required ReadOnlyMemory<byte> CommitKey { get; init; }

    /// <summary>The header-auth IV: carried in v1, implicitly zero in v2.</summary>
    public required ReadOnlyMemory<byte> AuthIv { get; init; }

    public required ReadOnlyMemory<byte> AuthTag { get; init; }
}
