"""Task bank: tasks of every type, their keys and papers composed from them."""
