"""Writes the PyTorch-pickle test fixtures under src/test/resources/torch/ with the real torch.save.

The Java tests (dev.rankadaptor.checkpoint.TorchCheckpoint*Test) read these files; this script is
how they were made, so they can be regenerated and checked by anyone with PyTorch installed
(Debian 12: apt-get install python3-torch, which is torch 1.13.1). Deterministic: a fixed seed.

    /usr/bin/python3 tools/make_torch_fixtures.py [OUT_DIR]

What it writes (a tiny random LLaMA: 2 layers, hidden 32, vocab 64, uneven widths as after
pruning: layer 0 has 4 heads and MLP 48, layer 1 has 3 heads and MLP 40; F32, F16 and BF16 mixed):
  llama-safetensors/   config.json + model.safetensors (written by hand below, not by a library)
  llama-bin/           config.json + pytorch_model.bin (one torch.save, q/k/v views of one storage)
  llama-bin-sharded/   config.json + pytorch_model-0000N-of-00002.bin + pytorch_model.bin.index.json
  extra/               protocol4.pth, parameters.pth (nn.Parameter values), training.pth ({"state_dict": ...})
  broken/              malicious.bin (an os.system reduce), numpy-global.bin (a numpy array),
                       truncated.bin, wrong-storage-size.bin, transposed.bin (non-contiguous strides)
"""
import collections
import io
import json
import os
import struct
import sys
import zipfile

import numpy
import torch

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "torch")
MARKER = "/tmp/rankadaptor-malicious-pickle-ran"

VOCAB, HIDDEN, HEAD_DIM = 64, 32, 8
LAYERS = [(4, 48), (3, 40)]  # (heads = key/value heads, MLP width) per layer

CONFIG = {
    "architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": HIDDEN,
    "intermediate_size": 48, "num_attention_heads": 4, "num_key_value_heads": 4,
    "num_hidden_layers": len(LAYERS), "vocab_size": VOCAB, "rms_norm_eps": 1e-6, "rope_theta": 10000.0,
    "max_position_embeddings": 64, "tie_word_embeddings": False, "bos_token_id": 1, "eos_token_id": 2,
    "hidden_act": "silu", "torch_dtype": "float16",
}


def tensors():
    """The state dict in Hugging Face names; dtypes mixed so that every loader path is used."""
    g = torch.Generator().manual_seed(20261201)

    def rnd(*shape, dtype):
        return (torch.randn(*shape, generator=g) * 0.1).to(dtype)

    sd = collections.OrderedDict()
    sd["model.embed_tokens.weight"] = rnd(VOCAB, HIDDEN, dtype=torch.float16)
    for i, (heads, mlp) in enumerate(LAYERS):
        p = f"model.layers.{i}."
        width = heads * HEAD_DIM
        sd[p + "input_layernorm.weight"] = (1 + rnd(HIDDEN, dtype=torch.float32))
        sd[p + "self_attn.q_proj.weight"] = rnd(width, HIDDEN, dtype=torch.bfloat16)
        sd[p + "self_attn.k_proj.weight"] = rnd(width, HIDDEN, dtype=torch.bfloat16)
        sd[p + "self_attn.v_proj.weight"] = rnd(width, HIDDEN, dtype=torch.bfloat16)
        sd[p + "self_attn.o_proj.weight"] = rnd(HIDDEN, width, dtype=torch.float16)
        # old Hugging Face LLaMA checkpoints (the paper's among them) carry this buffer
        sd[p + "self_attn.rotary_emb.inv_freq"] = 1.0 / (10000 ** (torch.arange(0, HEAD_DIM, 2).float() / HEAD_DIM))
        sd[p + "post_attention_layernorm.weight"] = (1 + rnd(HIDDEN, dtype=torch.float32))
        sd[p + "mlp.gate_proj.weight"] = rnd(mlp, HIDDEN, dtype=torch.float16)
        sd[p + "mlp.up_proj.weight"] = rnd(mlp, HIDDEN, dtype=torch.float32)
        sd[p + "mlp.down_proj.weight"] = rnd(HIDDEN, mlp, dtype=torch.bfloat16)
    sd["model.norm.weight"] = (1 + rnd(HIDDEN, dtype=torch.float32))
    sd["lm_head.weight"] = rnd(VOCAB, HIDDEN, dtype=torch.bfloat16)
    return sd


SAFETENSORS_DTYPE = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16"}


def raw_bytes(t):
    t = t.contiguous()
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().tobytes()  # numpy has no bfloat16; the bits are what we want
    return t.numpy().tobytes()


def write_safetensors(path, sd):
    """The format by hand: 8-byte little-endian header length, JSON header padded to 8, raw data."""
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, t in sd.items():
        b = raw_bytes(t)
        header[name] = {"dtype": SAFETENSORS_DTYPE[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def folder(name):
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "config.json"), "w") as f:
        json.dump(CONFIG, f, indent=2)
        f.write("\n")
    return d


def state_dict_with_views(sd):
    """As nn.Module.state_dict() returns it (with _metadata); q/k/v share one storage, as a fused
    qkv weight would, so that storage offsets other than 0 are exercised."""
    out = collections.OrderedDict()
    for i, (heads, _) in enumerate(LAYERS):
        p = f"model.layers.{i}.self_attn."
        fused = torch.cat([sd[p + "q_proj.weight"], sd[p + "k_proj.weight"], sd[p + "v_proj.weight"]])
        w = heads * HEAD_DIM
        sd = collections.OrderedDict(sd)
        sd[p + "q_proj.weight"], sd[p + "k_proj.weight"], sd[p + "v_proj.weight"] = \
            fused[:w], fused[w:2 * w], fused[2 * w:]
    out.update(sd)
    out._metadata = collections.OrderedDict([("", {"version": 1})])
    return out


class Malicious:
    """What an attacker ships: unpickling it runs a shell command (here: create a marker file)."""

    def __reduce__(self):
        return os.system, ("touch " + MARKER,)


def main():
    sd = tensors()
    write_safetensors(os.path.join(folder("llama-safetensors"), "model.safetensors"), sd)

    single = os.path.join(folder("llama-bin"), "pytorch_model.bin")
    torch.save(state_dict_with_views(sd), single)

    sharded = folder("llama-bin-sharded")
    names = list(sd)
    cut = names.index("model.layers.1.input_layernorm.weight")
    shards = [names[:cut], names[cut:]]
    weight_map, total = {}, 0
    for k, part in enumerate(shards):
        file = f"pytorch_model-{k + 1:05d}-of-{len(shards):05d}.bin"
        torch.save({n: sd[n].clone() for n in part}, os.path.join(sharded, file))  # shards are plain dicts
        for n in part:
            weight_map[n] = file
            total += sd[n].numel() * sd[n].element_size()
    with open(os.path.join(sharded, "pytorch_model.bin.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=2)
        f.write("\n")

    broken = os.path.join(OUT, "broken")
    os.makedirs(broken, exist_ok=True)
    small = collections.OrderedDict([("model.norm.weight", sd["model.norm.weight"])])
    bad = collections.OrderedDict(small)
    bad["model.payload"] = Malicious()
    torch.save(bad, os.path.join(broken, "malicious.bin"))
    with_numpy = collections.OrderedDict(small)
    with_numpy["model.extra"] = numpy.arange(4, dtype=numpy.float32)
    torch.save(with_numpy, os.path.join(broken, "numpy-global.bin"))
    torch.save(collections.OrderedDict([("lm_head.weight", sd["lm_head.weight"].float().t())]),
               os.path.join(broken, "transposed.bin"))

    # the other shapes a good state dict comes in: pickle protocol 4, nn.Parameter values, a training .pth
    extra = os.path.join(OUT, "extra")
    os.makedirs(extra, exist_ok=True)
    torch.save(small, os.path.join(extra, "protocol4.pth"), pickle_protocol=4)
    torch.save({"model.norm.weight": torch.nn.Parameter(sd["model.norm.weight"])}, os.path.join(extra, "parameters.pth"))
    torch.save({"epoch": 3, "lr": 0.5, "state_dict": small}, os.path.join(extra, "training.pth"))

    buf = io.BytesIO()
    torch.save(small, buf)
    whole = buf.getvalue()
    with open(os.path.join(broken, "truncated.bin"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    # the same archive with the storage entry 4 bytes short of the 32 floats the pickle declares
    with zipfile.ZipFile(io.BytesIO(whole)) as src, \
            zipfile.ZipFile(os.path.join(broken, "wrong-storage-size.bin"), "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.endswith("/data/0"):
                data = data[:-4]
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2026, 12, 1, 0, 0, 0)), data)  # reproducible

    # prove the malicious fixture is what it says: Python's pickle would run the command
    if os.path.exists(MARKER):
        os.remove(MARKER)
    torch.load(os.path.join(broken, "malicious.bin"))
    assert os.path.exists(MARKER), "the malicious pickle did not run its command under torch.load"
    os.remove(MARKER)
    # and the good files load back equal to the originals
    back = torch.load(single)
    for n, t in sd.items():
        assert torch.equal(back[n], t), n
    print("wrote fixtures under", os.path.abspath(OUT))


if __name__ == "__main__":
    main()
