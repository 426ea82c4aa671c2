using DefenderConnector.Host.Outputs.Http;

namespace DefenderConnector.Host.Outputs.Elasticsearch;

/// <summary>The Elasticsearch / OpenSearch <c>_bulk</c> output's settings (<c>output.elasticsearch</c>), validated at start-up.</summary>
/// <param name="Endpoint">The cluster's node URLs (<c>url</c> or <c>urls</c>) and the shared HTTP settings.</param>
/// <param name="Target">The index (<c>index</c>) or data stream (<c>dataStream</c>) written to.</param>
/// <param name="DataStream">True for a data stream: every action is <c>create</c>, the only one a data stream takes.</param>
/// <param name="ApiKey">An API key (<c>apiKey</c>, the encoded id:key), a secret reference; or</param>
/// <param name="Username">basic authentication's user (<c>username</c>) with</param>
/// <param name="Password">its password (<c>password</c>, a secret reference).</param>
internal sealed record ElasticsearchOutputOptions(
    HttpEndpointOptions Endpoint,
    string Target,
    bool DataStream,
    HostSecret? ApiKey,
    string? Username,
    HostSecret? Password)
{
    public string AuthHint => ApiKey is not null ? "output.elasticsearch.apiKey" : Username is not null ? "output.elasticsearch.username and password" : "output.elasticsearch.apiKey (none is set)";
}
