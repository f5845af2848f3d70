"""The House of NGOs hub: offers, needs, handovers, volunteers and services (reads and matching;
the model is in docs/data-model.md)."""
