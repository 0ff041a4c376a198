using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Transport;

/// <summary>
/// Checks every request before it is sent: <c>https</c>, or <c>http</c> to a loopback host only; follows redirects
/// itself so that each target passes the same check and none goes from <c>https</c> to <c>http</c>. A redirect to
/// another origin carries only the headers in <see cref="CrossOriginHeaders"/> (never credentials, cookies or API keys)
/// and never the request body. Refusals are <see cref="TransportGuardException"/>s raised before any connection is made.
/// </summary>
public sealed class TransportGuardHandler : DelegatingHandler
{
    // An allow-list, not a deny-list: a service's own credential header (X-Api-Key, X-Turen-Token, ...) has no standard
    // name, so anything not known to be harmless stays with the origin it was meant for.
    private static readonly string[] CrossOriginHeaders =
    {
        "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Cache-Control", "Pragma", "User-Agent",
        "traceparent", "tracestate",
    };

    private readonly int _maxRedirects;
    private int _primaryChecked;

    /// <summary>Creates the guard; set <see cref="DelegatingHandler.InnerHandler"/> to <see cref="TurenHttpHandlers.CreatePrimaryHandler"/>'s handler.</summary>
    public TransportGuardHandler(TurenTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRedirects);
        _maxRedirects = options.MaxRedirects;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckTarget(request.RequestUri);
        EnsurePrimaryIsGuarded();
        HttpRequestMessage current = request;
        for (int redirects = 0; ; redirects++)
        {
            HttpResponseMessage response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);
            Uri? location = response.Headers.Location;
            if (!IsRedirect(response.StatusCode) || location is null)
            {
                return response;
            }

            Uri from = current.RequestUri!;
            Uri target = location.IsAbsoluteUri ? location : new Uri(from, location);
            response.Dispose();
            if (redirects >= _maxRedirects)
            {
                throw new TransportGuardException(TransportGuardViolation.TooManyRedirects, $"Stopped after {_maxRedirects} redirects (last to {Describe(target)}).");
            }

            CheckRedirect(from, target);
            current = NextRequest(current, target, response.StatusCode);
        }
    }

    private static void CheckTarget(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new TransportGuardException(TransportGuardViolation.UnsupportedScheme, "Requests to Turen need an absolute https URI.");
        }

        if (string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase))
        {
            throw new TransportGuardException(TransportGuardViolation.UnsupportedScheme, $"The scheme '{uri.Scheme}' is not allowed; use https.");
        }

        if (!LoopbackHost.IsLoopback(uri))
        {
            throw new TransportGuardException(
                TransportGuardViolation.CleartextToRemoteHost,
                $"Refused cleartext http to {Describe(uri)}: only loopback hosts (127.0.0.1, ::1, localhost) may be reached without TLS. Use https.");
        }
    }

    private static void CheckRedirect(Uri from, Uri target)
    {
        bool toHttps = string.Equals(target.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
        bool fromHttps = string.Equals(from.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
        if (!toHttps && (fromHttps || !string.Equals(target.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) || !LoopbackHost.IsLoopback(target)))
        {
            throw new TransportGuardException(
                TransportGuardViolation.InsecureRedirect,
                $"Refused a redirect from {Describe(from)} to {Describe(target)}: redirects must stay on https.");
        }
    }

    private static HttpRequestMessage NextRequest(HttpRequestMessage previous, Uri target, HttpStatusCode status)
    {
        // 303 always becomes GET; 301/302 turn POST into GET as browsers do; 307/308 keep method and body.
        bool toGet = status == HttpStatusCode.SeeOther && previous.Method != HttpMethod.Head
            || (status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found && previous.Method == HttpMethod.Post);
        bool sameOrigin = Uri.Compare(previous.RequestUri, target, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
        HttpContent? content = toGet ? null : previous.Content;
        if (!sameOrigin && content is not null)
        {
            // A body may hold a client secret or a token as much as a header does; 307/308 would resend it.
            throw new TransportGuardException(
                TransportGuardViolation.InsecureRedirect,
                $"Refused a redirect from {Describe(previous.RequestUri!)} to {Describe(target)}: it would resend the request body to another origin.");
        }

        var next = new HttpRequestMessage(toGet ? HttpMethod.Get : previous.Method, target)
        {
            Version = previous.Version,
            VersionPolicy = previous.VersionPolicy,
            Content = content,
        };
        foreach (var header in previous.Headers)
        {
            if (sameOrigin || Array.Exists(CrossOriginHeaders, name => name.Equals(header.Key, StringComparison.OrdinalIgnoreCase)))
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return next;
    }

    private void EnsurePrimaryIsGuarded()
    {
        if (Volatile.Read(ref _primaryChecked) != 0)
        {
            return;
        }

        HttpMessageHandler? handler = InnerHandler;
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        string? problem = handler is SocketsHttpHandler sockets
            ? TurenHttpHandlers.DescribeUnsafe(sockets)
            : "the handler under the guard is not TurenHttpHandlers.CreatePrimaryHandler's";
        if (problem is not null)
        {
            throw new TransportGuardException(TransportGuardViolation.InsecureHandlerConfiguration, "Refused to send: " + problem + ".");
        }

        Volatile.Write(ref _primaryChecked, 1);
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    // Scheme, host and port only: paths and queries may carry tokens.
    private static string Describe(Uri uri) => uri.IsAbsoluteUri ? uri.GetLeftPart(UriPartial.Authority) : "(relative URI)";
}
