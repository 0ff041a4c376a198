using System;
using System.Net.Http;

namespace Turen.Sdk.Transport;

/// <summary>
/// A transport rule refused a request, redirect or listener before any byte was sent or any socket bound. It derives from
/// <see cref="HttpRequestException"/> so that code handling HTTP failures handles it too; <see cref="Violation"/> says which rule.
/// </summary>
public sealed class TransportGuardException : HttpRequestException
{
    /// <summary>Creates the exception for a violation.</summary>
    public TransportGuardException(TransportGuardViolation violation, string message)
        : base(message)
    {
        Violation = violation;
    }

    /// <summary>Creates the exception with a message.</summary>
    public TransportGuardException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public TransportGuardException()
        : base("A transport rule refused the operation.")
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public TransportGuardException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The rule that was broken.</summary>
    public TransportGuardViolation Violation { get; }
}
