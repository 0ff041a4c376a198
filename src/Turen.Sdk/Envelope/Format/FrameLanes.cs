using System;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Threading;

namespace Turen.Sdk.Envelope.Format;

/// <summary>The AES-GCM work on one batch of frames, split by frame index.</summary>
internal interface IFrameBatch
{
    /// <summary>Encrypts or decrypts frame <paramref name="index"/> of the batch with <paramref name="cipher"/>.</summary>
    void Process(BodyCipher cipher, int index);
}

/// <summary>
/// Spreads the frames of a batch over lanes, each with its own <see cref="BodyCipher"/> (an <c>AesGcm</c> is not
/// thread-safe). The calling thread is lane 0; the others are pool work items. Every lane claims frames one at a time
/// until none are left, and the caller withdraws lanes no pool thread has started by then, so a busy thread pool
/// degrades to sequential work rather than a stall. Nothing is allocated per batch.
/// </summary>
/// <remarks>
/// Frames are independent under one content key: each has its own sequence number, IV and AAD, so the order in which
/// lanes run changes nothing on the wire. Reading and writing stay on the calling thread, in order.
/// </remarks>
internal sealed class FrameLanes : IDisposable
{
    /// <summary>The most lanes a message may use.</summary>
    public const int MaxLanes = 64;

    // A batch aims at about this many bytes per lane: large enough that handing a lane to a pool thread (microseconds)
    // is noise next to its AES-GCM work, small enough that a batch stays in the cores' caches.
    private const long BatchBytesPerLane = 512 * 1024;
    private const int MaxBatchFrames = 1024;

    // Bounds the memory of one batch whatever the lane count: with huge frames (which a blob's header may claim, up to
    // OpenOptions.MaxFrameLength) a batch is one frame, as with one lane, so lanes add no memory an attacker can ask for.
    private const long MaxBatchBytes = 32L * 1024 * 1024;

    private readonly BodyCipher[] _ciphers;
    private readonly Lane[] _lanes;
    private readonly ManualResetEventSlim _done = new(false);
    private readonly byte[] _messageId;
    private readonly byte[]? _contentKey;
    private IFrameBatch? _batch;
    private int _count;
    private int _next;
    private int _remaining;
    private ExceptionDispatchInfo? _failure;

    public FrameLanes(int lanes, ReadOnlySpan<byte> contentKey, ReadOnlySpan<byte> messageId)
    {
        _ciphers = new BodyCipher[lanes];
        _lanes = new Lane[lanes];
        _messageId = messageId.ToArray();
        _ciphers[0] = new BodyCipher(contentKey, messageId);
        if (lanes > 1)
        {
            // Further lanes get their ciphers when a batch first needs them, so a small message costs one.
            _contentKey = GC.AllocateArray<byte>(contentKey.Length, pinned: true);
            contentKey.CopyTo(_contentKey);
        }

        for (int i = 0; i < lanes; i++)
        {
            _lanes[i] = new Lane(this, i);
        }
    }

    /// <summary>The first lane's cipher, for work that is not split (a non-framed body).</summary>
    public BodyCipher Cipher => _ciphers[0];

    /// <summary>
    /// How many frames to gather per batch: one when there is a single lane, so frames stream as they come; otherwise
    /// about <see cref="BatchBytesPerLane"/> per lane and at least one frame per lane, but never more than
    /// <see cref="MaxBatchBytes"/> of plaintext (or one frame, when a frame alone is larger).
    /// </summary>
    public static int BatchFrames(int lanes, long frameLength)
    {
        if (lanes == 1)
        {
            return 1;
        }

        long wanted = Math.Clamp(lanes * BatchBytesPerLane / frameLength, lanes, Math.Max(lanes, MaxBatchFrames));
        long fits = Math.Max(1, MaxBatchBytes / frameLength);
        return (int)Math.Min(wanted, fits);
    }

    /// <summary>Processes frames 0 to <paramref name="count"/> − 1 of <paramref name="batch"/> and returns when all are done.</summary>
    public void Run(IFrameBatch batch, int count)
    {
        int lanes = Math.Min(_ciphers.Length, count);
        if (lanes <= 1)
        {
            for (int i = 0; i < count; i++)
            {
                batch.Process(_ciphers[0], i);
            }

            return;
        }

        for (int i = 1; i < lanes; i++)
        {
            _ciphers[i] ??= new BodyCipher(_contentKey!, _messageId);
        }

        _batch = batch;
        _count = count;
        _next = 0;
        _failure = null;
        _done.Reset();
        Volatile.Write(ref _remaining, lanes - 1);

        // Every lane is marked before any is queued, so that withdrawing accounts for each of them even if queueing fails.
        for (int i = 1; i < lanes; i++)
        {
            Volatile.Write(ref _lanes[i].State, Lane.Queued);
        }

        Exception? own = null;
        try
        {
            for (int i = 1; i < lanes; i++)
            {
                _lanes[i].Queue();
            }

            // Frames are claimed one at a time, so a pool thread that starts late just takes fewer of them.
            Drain(0);
        }
        catch (Exception ex)
        {
            own = ex;
        }
        finally
        {
            for (int i = 1; i < lanes; i++)
            {
                _lanes[i].Withdraw();
            }

            // Always wait, even when the count already reads zero: the last lane sets the event after its decrement,
            // and that Set must land before the next batch resets the event. Never leave while a lane still uses the
            // buffers.
            _done.Wait();
            _batch = null;
        }

        if (own is not null)
        {
            ExceptionDispatchInfo.Throw(own);
        }

        _failure?.Throw();
    }

    public void Dispose()
    {
        // A lane still queued from an earlier batch finds nothing to claim and returns without touching a cipher.
        foreach (Lane? lane in _lanes)
        {
            if (lane is not null)
            {
                Volatile.Write(ref lane.State, Lane.Finished);
            }
        }

        foreach (BodyCipher? cipher in _ciphers)
        {
            cipher?.Dispose();
        }

        if (_contentKey is not null)
        {
            CryptographicOperations.ZeroMemory(_contentKey);
        }

        _done.Dispose();
    }

    private void Drain(int lane)
    {
        IFrameBatch batch = _batch!;
        BodyCipher cipher = _ciphers[lane];
        int index;
        while ((index = Interlocked.Increment(ref _next) - 1) < _count)
        {
            batch.Process(cipher, index);
        }
    }

    private void Complete(Exception? failure)
    {
        if (failure is not null)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(failure), null);
        }

        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.Set();
        }
    }

    private sealed class Lane : IThreadPoolWorkItem
    {
        public const int Finished = 0;
        public const int Queued = 1;
        public const int Running = 2;

        public int State;

        private readonly FrameLanes _owner;
        private readonly int _index;
        private int _pending;

        public Lane(FrameLanes owner, int index)
        {
            _owner = owner;
            _index = index;
        }

        /// <summary>
        /// Puts the lane in the pool's queue unless an earlier item of it is still waiting there (the caller withdrew
        /// it): that one will serve this batch instead, so a starved pool never holds more than one item per lane.
        /// </summary>
        public void Queue()
        {
            if (Interlocked.Exchange(ref _pending, 1) == 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }

        /// <summary>A pool thread's turn: helps with the batch unless it was withdrawn.</summary>
        public void Execute()
        {
            // Cleared before claiming: a batch marked after this point queues a fresh item rather than relying on this one.
            Volatile.Write(ref _pending, 0);
            if (Interlocked.CompareExchange(ref State, Running, Queued) != Queued)
            {
                return;
            }

            Exception? failure = null;
            try
            {
                _owner.Drain(_index);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                Volatile.Write(ref State, Finished);
                _owner.Complete(failure);
            }
        }

        /// <summary>Called once the caller ran out of frames: a lane no pool thread has started is not needed any more.</summary>
        public void Withdraw()
        {
            if (Interlocked.CompareExchange(ref State, Finished, Queued) == Queued)
            {
                _owner.Complete(null);
            }
        }
    }
}
