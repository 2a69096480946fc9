"""Cross-check of RankAdaptor Workbench numerics against Python transformers + PEFT.

Reads expected.json and the PEFT adapter written by dev.rankadaptor.xcheck.PythonCrossCheckExport,
loads the demo checkpoint with transformers' LlamaForCausalLM and the adapter with PEFT, then the
padded HF export of the block-pruned demo (padded/model) and its padded adapter (padded/adapter),
and prints the largest differences. Usage: python3 xcheck_transformers.py DEMO_DIR XCHECK_DIR
"""
import json
import sys

import torch
from tokenizers import Tokenizer
from transformers import LlamaForCausalLM

demo, xdir = sys.argv[1], sys.argv[2]
exp = json.load(open(f"{xdir}/expected.json"))
dev = "cuda" if torch.cuda.is_available() else "cpu"
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
tok = Tokenizer.from_file(f"{demo}/tokenizer.json")
model = LlamaForCausalLM.from_pretrained(demo, torch_dtype=torch.float32).to(dev).eval()
print("device", dev, "torch", torch.__version__)
worst = {"ids": 0, "base": 0.0, "loglik": 0.0, "lora": 0.0}
with torch.no_grad():
    for s in exp["samples"]:
        ids = [1] + tok.encode(s["text"], add_special_tokens=False).ids
        worst["ids"] = max(worst["ids"], int(ids != s["ids"]))
        x = torch.tensor([s["ids"]], device=dev)
        logits = model(x).logits[0].float()
        ref = torch.tensor(s["base_logits_last"], device=dev)
        d = (logits[-1] - ref).abs().max().item() / ref.abs().max().item()
        worst["base"] = max(worst["base"], d)
        c = s["loglik"]["context_len"]
        logp = torch.log_softmax(logits, -1)
        ll = sum(logp[c - 1 + j, s["ids"][c + j]].item() for j in range(len(s["ids"]) - c))
        worst["loglik"] = max(worst["loglik"], abs(ll - s["loglik"]["value"]))
        print(f"base rel diff {d:.2e}  loglik ours {s['loglik']['value']:.5f} transformers {ll:.5f}")
try:
    from peft import PeftModel
    peft_model = PeftModel.from_pretrained(model, f"{xdir}/adapter").to(dev).eval()
    cfg = json.load(open(f"{xdir}/adapter/adapter_config.json"))
    print("peft loaded; rank_pattern entries:", len(cfg.get("rank_pattern", {})))
    with torch.no_grad():
        for s in exp["samples"]:
            x = torch.tensor([s["ids"]], device=dev)
            logits = peft_model(x).logits[0, -1].float()
            ref = torch.tensor(s["lora_logits_last"], device=dev)
            base_ref = torch.tensor(s["base_logits_last"], device=dev)
            d = (logits - ref).abs().max().item() / ref.abs().max().item()
            moved = (ref - base_ref).abs().max().item()
            worst["lora"] = max(worst["lora"], d)
            print(f"lora rel diff {d:.2e} (adapter moved logits by up to {moved:.3f})")
except Exception as e:  # report, do not hide
    print("PEFT check failed:", repr(e))
    worst["lora"] = float("nan")

# The padded HF pair of the block-pruned demo (docs/exports.md): stock LlamaForCausalLM must load the
# padded model as is and give the pruned model's logits; PEFT must apply the padded adapter to it.
if "padded" in exp:
    pad = exp["padded"]
    worst.update({"padded_base": float("nan"), "padded_lora": float("nan")})
    try:
        pmodel = LlamaForCausalLM.from_pretrained(f"{xdir}/padded/model", torch_dtype=torch.float32).to(dev).eval()
        c = pmodel.config
        print("padded config: heads", c.num_attention_heads, "kv heads", c.num_key_value_heads,
              "intermediate", c.intermediate_size, "(expected", pad["num_attention_heads"], pad["num_key_value_heads"],
              pad["intermediate_size"], ")")
        worst["padded_base"] = 0.0
        with torch.no_grad():
            for s in pad["samples"]:
                x = torch.tensor([s["ids"]], device=dev)
                ref = torch.tensor(s["pruned_logits_last"], device=dev)
                d = (pmodel(x).logits[0, -1].float() - ref).abs().max().item() / ref.abs().max().item()
                worst["padded_base"] = max(worst["padded_base"], d)
                print(f"padded base vs pruned rel diff {d:.2e}")
        from peft import PeftModel
        ppeft = PeftModel.from_pretrained(pmodel, f"{xdir}/padded/adapter").to(dev).eval()
        worst["padded_lora"] = 0.0
        with torch.no_grad():
            for s in pad["samples"]:
                x = torch.tensor([s["ids"]], device=dev)
                ref = torch.tensor(s["pruned_lora_logits_last"], device=dev)
                moved = (ref - torch.tensor(s["pruned_logits_last"], device=dev)).abs().max().item()
                d = (ppeft(x).logits[0, -1].float() - ref).abs().max().item() / ref.abs().max().item()
                worst["padded_lora"] = max(worst["padded_lora"], d)
                print(f"padded adapter vs pruned + adapter rel diff {d:.2e} (adapter moved logits by up to {moved:.3f})")
    except Exception as e:  # report, do not hide
        print("padded HF pair check failed:", repr(e))
print("RESULT", json.dumps(worst))
