using Microsoft.Kiota.Abstractions.Authentication;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// Kiota's token hook over <see cref="EntraTokenSource"/>. Only the configured Graph host gets a token:
/// an <c>@odata.nextLink</c> pointing anywhere else is sent without one.
/// </summary>
internal sealed class MsalAccessTokenProvider : IAccessTokenProvider
{
    private readonly EntraTokenSource _tokens;
    private readonly string _scope;
    private readonly TimeProvider _time;

    public MsalAccessTokenProvider(EntraTokenSource tokens, string scope, Uri graphBase, TimeProvider time)
    {
        _tokens = tokens;
        _scope = scope;
        _time = time;
        AllowedHostsValidator = new AllowedHostsValidator([graphBase.Host]);
    }

    public AllowedHostsValidator AllowedHostsValidator { get; }

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        if (uri.Scheme != Uri.UriSchemeHttps || !AllowedHostsValidator.IsUrlHostValid(uri))
        {
            return string.Empty;
        }

        return await _tokens.GetTokenAsync(_scope, false, ApiMode.Graph, _time, cancellationToken).ConfigureAwait(false);
    }
}
