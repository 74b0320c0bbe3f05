"""PyTorch trainers the benchmark measures ours against.

MINETrainer follows the seed notebook's class line by line (minibatches by one
permutation strided by the iteration counter, resampling by two independent
permutations per epoch, the moving-average surrogate loss, the estimate on all
data); the TensorBoard writer is left out. DVTrainer is the course's chapter 3
trainer and MINEE trains three DV networks against uniform references on the
data's bounding box, the same shape as the library's classes.
"""

import math

import torch
import torch.optim as optim


def dv_bound(t, t_ref):
    """mean t - (logsumexp t' - log n')."""
    return t.mean() - (t_ref.logsumexp(0).squeeze() - math.log(t_ref.shape[0]))


class MINETrainer:
    def __init__(self, X, Y, net, n_iters_per_epoch=10, m=1, beta=0.1, **adam):
        self.X, self.Y = X, Y
        self.n = min(X.shape[0], Y.shape[0])
        self.beta, self.m = beta, m
        self.net = net
        self.n_iters_per_epoch = n_iters_per_epoch
        self.optimizer = optim.Adam(self.net.parameters(), **adam)
        self.losses = []

    def step(self, epochs=1):
        for _ in range(epochs):
            idx = torch.randperm(self.n)
            idx_X = torch.randperm(self.n)
            idx_Y = torch.randperm(self.n)
            for j in range(self.n_iters_per_epoch):
                self.optimizer.zero_grad()
                rows = idx[j : self.n : self.n_iters_per_epoch]
                batch_X, batch_Y = self.X[rows], self.Y[rows]
                batch_X_ref = self.X[idx_X[j : self.n : self.n_iters_per_epoch]]
                batch_Y_ref = self.Y[idx_Y[j : self.n : self.n_iters_per_epoch]]
                L = -self.net(batch_X, batch_Y).mean()
                L_ = self.net(batch_X_ref, batch_Y_ref).exp().mean()
                self.m = (1 - self.beta) * L_.detach() + self.beta * self.m
                loss = L + L_ / self.m
                loss.backward()
                self.optimizer.step()
                self.losses.append(loss.item())
        return self.estimate(self.X, self.Y)

    def estimate(self, X, Y):
        n = X.shape[0]
        with torch.no_grad():
            X_ref = X[torch.randperm(n)]
            Y_ref = Y[torch.randperm(n)]
            return (
                self.net(X, Y).mean() - self.net(X_ref, Y_ref).logsumexp(0) + math.log(n)
            ).item()


class DVTrainer:
    def __init__(self, Z, Z_ref, net, n_iters_per_epoch=10, **adam):
        self.Z, self.Z_ref = Z, Z_ref
        self.net = net
        self.n_iters_per_epoch = n_iters_per_epoch
        self.optimizer = optim.Adam(self.net.parameters(), **adam)
        self.losses = []

    def step(self, epochs=1):
        n, n_ref, k = self.Z.shape[0], self.Z_ref.shape[0], self.n_iters_per_epoch
        for _ in range(epochs):
            idx = torch.randperm(n)
            idx_ref = torch.randperm(n_ref)
            for j in range(k):
                self.optimizer.zero_grad()
                batch = self.Z[idx[j:n:k]]
                batch_ref = self.Z_ref[idx_ref[j:n_ref:k]]
                loss = -dv_bound(self.net(batch), self.net(batch_ref))
                loss.backward()
                self.optimizer.step()
                self.losses.append(loss.item())
        return self.estimate(self.Z, self.Z_ref)

    def estimate(self, Z, Z_ref):
        with torch.no_grad():
            return dv_bound(self.net(Z), self.net(Z_ref)).item()


class UniformBox:
    """Uniform distribution on the bounding box of some samples."""

    def __init__(self, data, generator):
        self.low = data.min(0).values
        self.width = data.max(0).values - self.low
        self.generator = generator

    def sample(self, n):
        u = torch.rand(n, self.low.shape[0], generator=self.generator)
        return self.low + self.width * u


class MINEE:
    """MI-NEE: I = D(P_XY||U_XY) - D(P_X||U_X) - D(P_Y||U_Y), three DV networks."""

    def __init__(self, X, Y, n_iters_per_epoch=10, ref_batch_factor=1, hidden_size=100, **adam):
        self.X, self.Y = X, Y
        self.XY = torch.cat([X, Y], dim=-1)
        self.n = X.shape[0]
        self.n_iters_per_epoch = n_iters_per_epoch
        self.ref_batch_factor = ref_batch_factor
        from nets import Net

        self.nets = {
            "xy": Net(self.XY.shape[1], hidden_size),
            "x": Net(X.shape[1], hidden_size),
            "y": Net(Y.shape[1], hidden_size),
        }
        self.generator = torch.Generator().manual_seed(int(torch.initial_seed()) % (2**63))
        self.refs = {
            "xy": UniformBox(self.XY, self.generator),
            "x": UniformBox(X, self.generator),
            "y": UniformBox(Y, self.generator),
        }
        self.optimizers = {k: optim.Adam(net.parameters(), **adam) for k, net in self.nets.items()}
        self.losses = []

    def data(self, key, X, Y):
        return {"xy": torch.cat([X, Y], dim=-1), "x": X, "y": Y}[key]

    def step(self, epochs=1):
        n, k = self.n, self.n_iters_per_epoch
        for _ in range(epochs):
            idx = torch.randperm(n)
            for j in range(k):
                rows = idx[j:n:k]
                total = 0.0
                for key, net in self.nets.items():
                    batch = self.data(key, self.X[rows], self.Y[rows])
                    batch_ref = self.refs[key].sample(self.ref_batch_factor * batch.shape[0])
                    self.optimizers[key].zero_grad()
                    loss = -dv_bound(net(batch), net(batch_ref))
                    loss.backward()
                    self.optimizers[key].step()
                    total += loss.item()
                self.losses.append(total)
        return self.estimate(self.X, self.Y)

    def estimate(self, X, Y):
        d = {}
        with torch.no_grad():
            for key, net in self.nets.items():
                data = self.data(key, X, Y)
                ref = self.refs[key].sample(self.ref_batch_factor * data.shape[0])
                d[key] = dv_bound(net(data), net(ref)).item()
        return d["xy"] - d["x"] - d["y"]
