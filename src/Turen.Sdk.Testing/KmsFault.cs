using System;

namespace Turen.Sdk.Testing;

/// <summary>An answer queued on a <see cref="FakeKmsServer"/>: an HTTP status with an error type, and/or a delay before answering.</summary>
public sealed record KmsFault(int Status, string ErrorType, TimeSpan Delay = default)
{
    public static KmsFault Throttling => new(400, "ThrottlingException");

    public static KmsFault InternalError => new(500, "KMSInternalException");

    public static KmsFault ServiceUnavailable => new(503, "ServiceUnavailableException");

    public static KmsFault AccessDenied => new(400, "AccessDeniedException");

    public static KmsFault Slow(TimeSpan delay) => new(0, string.Empty, delay);
}
