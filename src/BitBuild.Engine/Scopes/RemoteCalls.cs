using System.Diagnostics;
using System.Net;
using BitBuild.Engine.Diagnostics;

namespace BitBuild.Engine.Scopes;

/// <summary>
/// The HTTP reads one command makes of its remote scopes, with one retry budget for all of them: a server that is down
/// costs the command a few seconds in all, not a few seconds per package (an export of 300 components checks 300
/// packages). Transient failures (see <see cref="RemoteFailure"/>) are retried with backoff while the budget lasts: at
/// most <see cref="MaxRetries"/> retries and <see cref="FailingTimeBudget"/> spent in failed attempts and waits. The
/// first failure that is not retried is final for the command: requests in flight are cancelled and every later one
/// fails at once with the same error, so parallel checks do not each wait out their own timeout.
/// </summary>
public sealed class RemoteCalls : IDisposable
{
    public const int MaxRetries = 3;

    /// <summary>How long a request may wait for the answer's headers.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long reading an answer's body (a package) may take once its headers came.</summary>
    public static readonly TimeSpan BodyTimeout = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan FailingTimeBudget = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);

    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = AttemptTimeout,
    })
    {
        // Each call sets its own bounds (AttemptTimeout, BodyTimeout, or the export request's).
        Timeout = Timeout.InfiniteTimeSpan,
    });

    private readonly CancellationTokenSource failed = new();
    private readonly object gate = new();
    private int retriesLeft = MaxRetries;
    private TimeSpan failingTime;
    private BitException? finalFailure;

    public RemoteCalls(HttpClient? http = null)
    {
        Http = http ?? SharedClient.Value;
    }

    public HttpClient Http { get; }

    /// <summary>What a failure means for the command, said in every failure's message ("Nothing was exported.").</summary>
    public string FailureConsequence { get; set; } = "Nothing was changed.";

    /// <summary>
    /// Sends the request <paramref name="create"/> makes (anew for each attempt) and hands the answer to
    /// <paramref name="read"/> when its status is a success or one of <paramref name="handled"/> (a 404 that means
    /// "no such package"); any other status, a broken connection or a timeout is retried or reported as a BIT code
    /// naming <paramref name="purpose"/> ("read the service index of scope S") and the URL.
    /// </summary>
    public async Task<T> GetAsync<T>(
        Func<HttpRequestMessage> create, Func<HttpResponseMessage, CancellationToken, Task<T>> read, string purpose, CancellationToken cancellationToken, params HttpStatusCode[] handled)
    {
        for (var attempt = 1; ; attempt++)
        {
            ThrowIfFailed();
            using var request = create();
            var url = request.RequestUri!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, failed.Token);
            timeout.CancelAfter(AttemptTimeout);
            var clock = Stopwatch.StartNew();
            var answered = false;
            (RemoteFailureKind Kind, string Reason, Exception? Error, bool Transient) failure;
            try
            {
                using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode || handled.Contains(response.StatusCode))
                {
                    answered = true;
                    timeout.CancelAfter(BodyTimeout);
                    return await read(response, timeout.Token).ConfigureAwait(false);
                }

                failure = (RemoteFailure.KindOf(response.StatusCode), RemoteFailure.Describe(response.StatusCode, response.ReasonPhrase), null, RemoteFailure.IsTransient(response.StatusCode));
            }
            catch (HttpRequestException ex)
            {
                failure = (RemoteFailure.KindOf(ex), RemoteFailure.Describe(ex), ex, RemoteFailure.IsTransient(ex));
            }
            catch (IOException ex)
            {
                // The connection broke while the body was read.
                failure = (RemoteFailureKind.ConnectionFailed, $"the connection broke while the answer was read ({ex.Message})", ex, true);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                ThrowIfFailed();
                failure = (RemoteFailureKind.TimedOut, answered ? $"the answer did not arrive within {BodyTimeout.TotalSeconds:0} s" : $"no answer within {AttemptTimeout.TotalSeconds:0} s", ex, false);
            }

            clock.Stop();
            var backoff = FirstBackoff * (1 << (attempt - 1));
            if (!failure.Transient || !TryRetry(clock.Elapsed + backoff))
            {
                throw Fail(RemoteFailure.Exception(failure.Kind, purpose, url, failure.Reason, attempt, FailureConsequence, failure.Error));
            }

            await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records a failure that ends the command's remote work, so parallel and later requests stop at once.</summary>
    public BitException Fail(BitException failure)
    {
        lock (gate)
        {
            finalFailure ??= failure;
        }

        failed.Cancel();
        return finalFailure;
    }

    private bool TryRetry(TimeSpan cost)
    {
        lock (gate)
        {
            if (retriesLeft == 0 || failingTime + cost > FailingTimeBudget)
            {
                return false;
            }

            retriesLeft--;
            failingTime += cost;
            return true;
        }
    }

    private void ThrowIfFailed()
    {
        lock (gate)
        {
            if (finalFailure is not null)
            {
                throw finalFailure;
            }
        }
    }

    public void Dispose() => failed.Dispose();
}
