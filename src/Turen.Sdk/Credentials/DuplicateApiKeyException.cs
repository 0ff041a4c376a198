using System;

namespace Turen.Sdk.Credentials;

/// <summary>An API-key record with the same lookup id already exists (the creator draws a new key and retries).</summary>
public sealed class DuplicateApiKeyException : InvalidOperationException
{
    /// <summary>Creates the exception for the given non-secret lookup id.</summary>
    public DuplicateApiKeyException(string id)
        : base($"An API key with id '{id}' already exists.")
    {
        Id = id;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public DuplicateApiKeyException()
        : base("An API key with this id already exists.")
    {
        Id = string.Empty;
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public DuplicateApiKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Id = string.Empty;
    }

    /// <summary>The non-secret lookup id that collided.</summary>
    public string Id { get; }
}
