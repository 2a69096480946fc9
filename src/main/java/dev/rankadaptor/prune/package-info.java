/**
 * Structural pruning of LLaMA-family models: LLM-Pruner-style block-wise pruning (whole attention
 * heads, GQA-aware, and MLP channels, scored by Taylor importance) and Shortened-LLaMA depth pruning
 * (whole decoder blocks).
 *
 * <p>Entry points: {@link dev.rankadaptor.prune.PrunedWidths} (shape-only plan, no weights),
 * {@link dev.rankadaptor.prune.PruneJob} (a whole run into a published checkpoint folder), and the
 * steps it composes: {@link dev.rankadaptor.prune.CalibrationWindows},
 * {@link dev.rankadaptor.prune.TaylorImportance}, {@link dev.rankadaptor.prune.BlockPruner},
 * {@link dev.rankadaptor.prune.DepthPruner}.
 *
 * <p>Choices the references leave open, made here:
 * <ul>
 *   <li>Default protected layers: the first 4 and the last 2 (the paper, 32-layer models) from 12
 *       layers up; smaller models keep the paper's proportions, the first ceil(L/8) and the last
 *       ceil(L/16) layers (8 layers: first and last), else 20-50% targets could not be met.</li>
 *   <li>A global target is met by the local ratio whose plan removes the share of parameters closest
 *       to it (20% of LLaMA-7B gives about 0.26; the paper's "20%" used local 0.25, i.e. 19.5%).</li>
 *   <li>Depth pruning: a local ratio r removes int(r * layers) blocks (Shortened LLaMA: 20% of 32 = 6);
 *       a global target removes the number of blocks whose saving is closest to it.</li>
 *   <li>Importance: g is the gradient of the mean causal-LM loss over the N windows; the second-order
 *       term uses the mean of per-window squared gradients (one backward per window), as LLM-Pruner's
 *       hf_prune.py does. Group score = sum of element scores (LLM-Pruner's default reduction).</li>
 *   <li>Weights are stored in the source precision (F16 for F16 and BF16 sources, F32 otherwise);
 *       importance is always computed in F32.</li>
 * </ul>
 */
package dev.rankadaptor.prune;
