#!/usr/bin/python3
"""A PiRL flow policy written in PyTorch, scripted to TorchScript for `pirl import`.

The module follows the interface of docs/file-formats.md ("TorchScript policies"): methods
`velocity(observation, tokens, x, t)` and `sample_actions(observation, tokens, noise,
num_steps)`, attributes `obs_dim`, `action_dim`, `chunk`, `config`, normaliser buffers, and the
actor's parameters under PiRL's names (state_encoder, token_embedding, fuse, expert_mlp,
expert_out). Train it however you like in PyTorch, then:

    /usr/bin/python3 docs/examples/pirl_policy.py --init exported/policy.pt --out mine.pt
    pirl import --policy mine.pt --out mine-checkpoint
    pirl train --config resources/presets/rl_flow_noise_carrot.yaml \
        --set stage=rl --set rl.init_checkpoint=mine-checkpoint

`--init` copies the weights, normaliser, vocabulary and config of a policy exported with
`pirl export` (so the example starts from a trained policy); without it the network is
randomly initialised with an identity normaliser and the default policy options.
"""
import argparse
import math
from typing import List

import torch
from torch import Tensor, nn


def mlp(inputs: int, width: int, hidden: int, outputs: int) -> nn.Sequential:
    layers: List[nn.Module] = []
    size = inputs
    for _ in range(hidden):
        layers += [nn.Linear(size, width), nn.SiLU()]
        size = width
    layers.append(nn.Linear(size, outputs))
    return nn.Sequential(*layers)


class PirlFlowPolicy(nn.Module):
    def __init__(self, obs_dim: int = 25, action_dim: int = 5, chunk: int = 8, width: int = 256,
                 depth: int = 3, vocab: int = 24, token_dim: int = 32, time_dim: int = 64,
                 config: str = ""):
        super().__init__()
        self.obs_dim = obs_dim
        self.action_dim = action_dim
        self.chunk = chunk
        self.time_dim = time_dim
        self.config = config
        self.state_encoder = mlp(obs_dim, width, 1, width)
        self.token_embedding = nn.Embedding(vocab, token_dim)
        self.fuse = mlp(width + token_dim, width, 1, width)
        body: List[nn.Module] = []
        size = chunk * action_dim + time_dim + width
        for _ in range(depth):
            body += [nn.Linear(size, width), nn.SiLU()]
            size = width
        self.expert_mlp = nn.Sequential(*body)
        self.expert_out = nn.Linear(width, chunk * action_dim)
        self.register_buffer("obs_mean", torch.zeros(obs_dim))
        self.register_buffer("obs_std", torch.ones(obs_dim))
        self.register_buffer("act_mean", torch.zeros(action_dim))
        self.register_buffer("act_std", torch.ones(action_dim))

    def time_embedding(self, t: Tensor) -> Tensor:
        half = self.time_dim // 2
        fraction = torch.arange(half, dtype=torch.float32) / float(max(half - 1, 1))
        period = 0.004 * torch.pow(torch.full_like(fraction, 1000.0), fraction)
        args = t.float().unsqueeze(1) / period.unsqueeze(0) * (2.0 * math.pi)
        return torch.cat([torch.sin(args), torch.cos(args)], 1)

    def encode(self, observation: Tensor, tokens: Tensor) -> Tensor:
        state = self.state_encoder((observation.float() - self.obs_mean) / self.obs_std)
        mask = (tokens != 0).float().unsqueeze(2)
        words = (self.token_embedding(tokens) * mask).sum(1) / mask.sum(1).clamp_min(1.0)
        return self.fuse(torch.cat([nn.functional.silu(state), words], 1))

    def expert_velocity(self, x: Tensor, t: Tensor, e: Tensor) -> Tensor:
        b = x.size(0)
        h = self.expert_mlp(torch.cat([x.reshape(b, -1), self.time_embedding(t), e], 1))
        return self.expert_out(h).reshape(b, self.chunk, self.action_dim)

    @torch.jit.export
    def velocity(self, observation: Tensor, tokens: Tensor, x: Tensor, t: Tensor) -> Tensor:
        return self.expert_velocity(x, t, self.encode(observation, tokens))

    @torch.jit.export
    def sample_actions(self, observation: Tensor, tokens: Tensor, noise: Tensor,
                       num_steps: int) -> Tensor:
        e = self.encode(observation, tokens)
        x = noise.float()
        for k in range(num_steps):
            t = torch.full([x.size(0)], 1.0 - float(k) / float(num_steps))
            x = x - (1.0 / float(num_steps)) * self.expert_velocity(x, t, e)
        return torch.clamp(x * self.act_std + self.act_mean, -1.0, 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--init", help="policy.pt written by `pirl export` to copy weights from")
    parser.add_argument("--out", required=True, help="TorchScript file to write")
    args = parser.parse_args()
    if args.init:
        source = torch.jit.load(args.init)
        state = {name.replace("__", "."): value for name, value in source.named_parameters()}
        width = state["state_encoder.0.weight"].shape[0]
        depth = sum(1 for n in state if n.startswith("expert_mlp.") and n.endswith(".weight"))
        policy = PirlFlowPolicy(source.obs_dim, source.action_dim, source.chunk, width, depth,
                                state["token_embedding.weight"].shape[0],
                                state["token_embedding.weight"].shape[1], source.time_dim,
                                source.config)
        missing, _ = policy.load_state_dict(state, strict=False)
        assert not [m for m in missing if not m.endswith(("_mean", "_std"))], missing
        for name in ("obs_mean", "obs_std", "act_mean", "act_std"):
            getattr(policy, name).copy_(getattr(source, name))
    else:
        policy = PirlFlowPolicy()
    torch.jit.script(policy.eval()).save(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
