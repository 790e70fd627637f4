using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>
/// Keys and values of every attention layer for the tokens seen so far, so each generation step runs the model on
/// the new token only. Tensors are (B, n_kv_heads, S, head_dim); the cache owns them.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly (Tensor K, Tensor V)?[] _layers;

    /// <summary>Creates an empty cache for <paramref name="layers"/> attention layers.</summary>
    public KvCache(int layers)
    {
        _layers = new (Tensor K, Tensor V)?[layers];
    }

    /// <summary>Number of cached positions (S); 0 when empty.</summary>
    public long Length => _layers[0] is { } first ? first.K.shape[2] : 0;

    /// <summary>
    /// Appends this step's keys and values (B, h, s, d) for <paramref name="layer"/> and returns all of them
    /// (B, h, S + s, d). The returned tensors belong to the cache: do not dispose them.
    /// </summary>
    public (Tensor K, Tensor V) Append(int layer, Tensor k, Tensor v)
    {
        if (_layers[layer] is { } old)
        {
            var kAll = cat([old.K, k], 2).DetachFromDisposeScope();
            var vAll = cat([old.V, v], 2).DetachFromDisposeScope();
            old.K.Dispose();
            old.V.Dispose();
            _layers[layer] = (kAll, vAll);
        }
        else
        {
            _layers[layer] = (k.alias().DetachFromDisposeScope(), v.alias().DetachFromDisposeScope());
        }

        return _layers[layer]!.Value;
    }

    /// <summary>Keeps only the rows in <paramref name="batchIndex"/> (1-D long), e.g. to drop finished sequences.</summary>
    public void Select(Tensor batchIndex)
    {
        for (int i = 0; i < _layers.Length; i++)
        {
            if (_layers[i] is { } kv)
            {
                var k = kv.K.index_select(0, batchIndex).DetachFromDisposeScope();
                var v = kv.V.index_select(0, batchIndex).DetachFromDisposeScope();
                kv.K.Dispose();
                kv.V.Dispose();
                _layers[i] = (k, v);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var kv in _layers)
        {
            kv?.K.Dispose();
            kv?.V.Dispose();
        }

        Array.Clear(_layers);
    }
}
