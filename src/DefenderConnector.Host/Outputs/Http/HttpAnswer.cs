namespace DefenderConnector.Host.Outputs.Http;

/// <summary>A receiver's answer: status, body (read whole; receivers answer briefly) and its <c>Retry-After</c>.</summary>
internal sealed record HttpAnswer(int Status, byte[] Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The body as one line for a message, cut short.</summary>
    public string Excerpt(int max = 300)
    {
        var text = System.Text.Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, max * 4)).ReplaceLineEndings(" ").Trim();
        return text.Length <= max ? text : text[..max] + "…";
    }
}
