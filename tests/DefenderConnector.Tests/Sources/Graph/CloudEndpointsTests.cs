using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Tests.Sources.Graph;

public sealed class CloudEndpointsTests
{
    [Theory]
    [InlineData("Global", "https://login.microsoftonline.com", "https://graph.microsoft.com/v1.0", "https://graph.microsoft.com/.default", "https://api.security.microsoft.com", "https://api.securitycenter.microsoft.com", "https://wdatp-alertexporter-eu.windows.com")]
    [InlineData("Gcc", "https://login.microsoftonline.com", "https://graph.microsoft.com/v1.0", "https://graph.microsoft.com/.default", "https://api-gcc.security.microsoft.us", "https://api-gcc.securitycenter.microsoft.us", "https://wdatp-alertexporter-us.gcc.securitycenter.windows.us")]
    [InlineData("GccHigh", "https://login.microsoftonline.us", "https://graph.microsoft.us/v1.0", "https://graph.microsoft.us/.default", "https://api-gov.security.microsoft.us", "https://api-gov.securitycenter.microsoft.us", "https://wdatp-alertexporter-us.securitycenter.windows.us")]
    [InlineData("DoD", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us/v1.0", "https://dod-graph.microsoft.us/.default", "https://api-gov.security.microsoft.us", "https://api-gov.securitycenter.microsoft.us", "https://wdatp-alertexporter-us.securitycenter.windows.us")]
    [InlineData("China", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn/v1.0", "https://microsoftgraph.chinacloudapi.cn/.default", null, null, null)]
    public void Each_cloud_derives_its_hosts(string cloudName, string authority, string graph, string scope, string? m365d, string? mde, string? siem)
    {
        var cloud = Enum.Parse<GraphCloud>(cloudName);
        var e = CloudEndpoints.For(cloud, "eu");
        Assert.Equal(authority, e.AuthorityHost);
        Assert.Equal(graph, e.GraphBaseUrl);
        Assert.Equal(scope, e.GraphScope);
        Assert.Equal(m365d, e.M365dBaseUrl);
        Assert.Equal(mde, e.MdeBaseUrl);
        Assert.Equal(siem, e.SiemBaseUrl);
        Assert.Equal(cloud != GraphCloud.China, e.GraphSecuritySupported);
        Assert.Equal("https://graph.windows.net/.default", e.SiemScope);
        if (m365d is not null)
        {
            Assert.Equal(m365d + "/.default", e.M365dScope);
        }
    }

    [Theory]
    [InlineData("us", "https://wdatp-alertexporter-us.windows.com")]
    [InlineData("uk", "https://wdatp-alertexporter-uk.windows.com")]
    public void The_siem_region_picks_the_global_exporter_host(string region, string host) =>
        Assert.Equal(host, CloudEndpoints.For(GraphCloud.Global, region).SiemBaseUrl);
}
