"""The statistics network of the course, as in the seed notebook."""

import torch
from torch import nn
from torch.nn import functional as F


class Net(nn.Module):
    """Two ELU layers and a linear output; weights N(0, sigma^2), biases 0."""

    def __init__(self, input_size=2, hidden_size=100, sigma=0.02):
        super().__init__()
        self.fc1 = nn.Linear(input_size, hidden_size)
        self.fc2 = nn.Linear(hidden_size, hidden_size)
        self.fc3 = nn.Linear(hidden_size, 1)
        for layer in (self.fc1, self.fc2, self.fc3):
            nn.init.normal_(layer.weight, std=sigma)
            nn.init.constant_(layer.bias, 0)

    def forward(self, *inputs):
        a1 = F.elu(self.fc1(torch.cat(inputs, dim=-1)))
        a2 = F.elu(self.fc2(a1))
        return self.fc3(a2)
